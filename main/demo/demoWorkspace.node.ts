import type { Core } from '../core/core.node.ts';
import type { Accounts } from '../core/accounts.node.ts';
import type { EventBus } from '../core/eventBus.node.ts';
import type { AccountRecord } from '../db/accountsRepo.node.ts';
import type { Account, Line } from '../../shared/model/entities.std.ts';
import { ChatAppSimulator } from '../providers/chatapp/simulator/simulator.node.ts';
import { MultiWaSimulator } from '../providers/multiwa/simulator/simulator.node.ts';
import { MaytapiSimulator } from '../providers/maytapi/simulator/simulator.node.ts';
import { ChategySimulator } from '../providers/chategy/simulator/simulator.node.ts';
import { OPENERS, REPLIES_HISTORY } from './script.node.ts';

export interface DemoOptions {
  /** Gap between customer messages, ms (a random point between the two). */
  pace?: [number, number];
  /** A QR login completes by itself after this long, for those who do not click "simulate scan". */
  autoScanMs?: number;
}

export interface Demo {
  simulateScan(lineId: string): Promise<void>;
  stop(): Promise<void>;
}

const DAY = 24 * 3600;

/** What the demo needs of the core: the accounts' own path, the local webhook addresses, the lines. */
export interface DemoHost {
  accounts: Pick<Accounts, 'list' | 'add' | 'update'>;
  localWebhookUrl(accountId: string): string | null;
  line(lineId: string): Pick<Line, 'accountId' | 'providerLineId' | 'login'> | undefined;
  bus: Pick<EventBus, 'onEvent'>;
}

/** Opens the demo workspace on this core when it has no real account (see `startDemo`). */
export async function openDemo(core: Core, options: DemoOptions = {}): Promise<Demo | undefined> {
  core.demo = (await startDemo(demoHostOf(core), options)) ?? undefined;
  return core.demo;
}

/** The demo's view of a core, in one place. */
export const demoHostOf = (core: Core): DemoHost => ({
  accounts: core.accounts,
  localWebhookUrl: (accountId) => core.webhooks.localUrl(accountId),
  line: (lineId) => core.cache.accounts.line(lineId),
  bus: core.bus,
});

/**
 * The demo workspace: each provider's simulator, in-process on 127.0.0.1 with random ports,
 * one "Demo" account per provider, and customers writing at a human pace. Only when no
 * real account exists; removing the demo accounts removes it.
 */
export async function startDemo(host: DemoHost, options: DemoOptions = {}): Promise<Demo | null> {
  const accounts = host.accounts.list().accounts;
  // With a real account, the demo comes back only for the demo accounts still kept (its
  // simulators must run, or they would retry a dead port forever); none is added again.
  const realAccounts = accounts.some((a) => !a.demo);
  if (realAccounts && !accounts.some((a) => a.demo)) return null;
  const [minPace, maxPace] = options.pace ?? [6000, 12000];
  const autoScanMs = options.autoScanMs ?? 45_000;
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void | Promise<void>) => {
    const t = setTimeout(() => {
      timers.delete(t);
      void Promise.resolve(fn()).catch(() => undefined);
    }, ms);
    timers.add(t);
  };

  const chatapp = await new ChatAppSimulator({ statusStepMs: 1800 }).start();
  const multiwa = await new MultiWaSimulator({ ackStepMs: 1500, qrRotateMs: 20_000 }).start();
  const maytapi = await new MaytapiSimulator({ ackBatchMs: 2000, ackStepMs: 1500 }).start();
  // Telegram and MAX signed in; WhatsApp waits for its QR, as after a fresh install.
  const chategy = await new ChategySimulator({
    stepMs: 1500,
    qrRotateMs: 20_000,
    sessions: { tdlib: 3, max: 2 },
  }).start();
  seedHistory(chatapp, multiwa);

  const createdAt = Date.now();
  // Through the user's own path (checked with the provider, secrets kept, connected,
  // announced); an earlier run's demo account gets this run's simulator addresses.
  const ensure = async (
    provider: AccountRecord['provider'],
    label: string,
    config: Record<string, string>,
    secrets: Record<string, string>,
  ): Promise<Account | undefined> => {
    const existing = accounts.find((a) => a.demo && a.provider === provider);
    if (existing) return host.accounts.update(existing.id, { config, secrets });
    if (realAccounts) return undefined;
    // Distinct creation times keep the sidebar in this order.
    const order = ['chatapp', 'multiwa', 'maytapi', 'chategy'].indexOf(provider);
    return host.accounts.add(
      { provider, label, config, secrets },
      { demo: true, createdAt: createdAt + order },
    );
  };
  const records = [
    await ensure('chatapp', 'Demo · ChatApp', chatapp.accountConfig(), {
      password: chatapp.options.password,
    }),
    await ensure('multiwa', 'Demo · MultiWA', multiwa.accountConfig('auto'), {
      apiKey: multiwa.options.apiKey,
    }),
    await ensure('maytapi', 'Demo · Maytapi', maytapi.accountConfig(), {
      apiKey: maytapi.options.apiKey,
    }),
    await ensure(
      'chategy',
      'Demo · Chategy',
      { ...chategy.accountConfig(), customerId: String(chategy.options.customerId) },
      { token: chategy.token, idempotencyKey: chategy.options.idempotencyKey },
    ),
  ];
  const [, , maytapiAccount, chategyAccount] = records;
  // The demo's webhook providers post straight to the local receiver: no tunnel needed on one machine.
  if (maytapiAccount) maytapi.webhook = host.localWebhookUrl(maytapiAccount.id);
  maytapi.ackPreference = true;
  if (chategyAccount) chategy.subscribe(host.localWebhookUrl(chategyAccount.id)!);

  // Customers write, one at a time, each conversation in order.
  const queue = OPENERS.map((o, i) => ({ ...o, next: 0, index: i }));
  const speak = async () => {
    const open = queue.filter((c) => c.next < c.lines.length);
    const customer = open[Math.floor(Math.random() * open.length)];
    if (!customer) return;
    const text = customer.lines[customer.next++]!;
    const chatId = `7900555${String(customer.index).padStart(4, '0')}`;
    switch (customer.index % 4) {
      case 0:
        await chatapp.receive('1229:grWhatsApp', `${chatId}@c.us`, text, { name: customer.name });
        break;
      case 1:
        multiwa.receive('profile-sales', `${chatId}@c.us`, text, { name: customer.name });
        break;
      case 2:
        await maytapi.receive('10101', chatId, text);
        break;
      default:
        // Telegram and MAX, alternating by customer.
        if (customer.index % 8 === 3)
          await chategy.receiveFlat('tdlib', 5_550_000 + customer.index, text, {
            name: customer.name,
          });
        else
          await chategy.receiveFlat('max', String(41_588_000 + customer.index), text, {
            name: customer.name,
            phone: `7981${String(customer.index).padStart(7, '0')}`,
          });
    }
    later(minPace + Math.random() * (maxPace - minPace), speak);
  };
  later(1500, speak);
  // A customer changes their mind: a message deleted for everyone.
  later(maxPace * 2, async () => {
    const regret = await chatapp.receive('1229:telegram', 'private-4242', 'Ой, не тот чат 🙈', {
      name: 'Олег',
    });
    later(4000, () => chatapp.deleteForEveryone('1229:telegram', regret.id));
  });

  const simulateScan = async (lineId: string): Promise<void> => {
    const line = host.line(lineId);
    const account = line ? records.find((r) => r?.id === line.accountId) : undefined;
    if (!line || !account) throw new Error('not a demo line');
    if (account.provider === 'multiwa') multiwa.scan(line.providerLineId);
    else if (account.provider === 'maytapi') await maytapi.scan(line.providerLineId);
    else if (account.provider === 'chategy') chategy.scan();
  };
  // Waiting QR logins complete by themselves after a while.
  const offOnLogin = host.bus.onEvent('login.changed', ({ lineId, state }) => {
    if (state.state === 'qr')
      later(autoScanMs, () =>
        host.line(lineId)?.login.state === 'qr' ? simulateScan(lineId) : undefined,
      );
  });

  return {
    simulateScan,
    async stop() {
      offOnLogin();
      for (const t of timers) clearTimeout(t);
      await Promise.all([chatapp.stop(), multiwa.stop(), maytapi.stop(), chategy.stop()]);
    },
  };
}

function seedHistory(chatapp: ChatAppSimulator, multiwa: MultiWaSimulator): void {
  const now = Math.floor(Date.now() / 1000);
  chatapp.addHistory(
    '1229:grWhatsApp',
    '79001110000@c.us',
    'Ольга (постоянный клиент)',
    REPLIES_HISTORY.map((m, i) => ({ ...m, at: now - DAY + i * 600 })),
  );
  chatapp.addHistory('1229:telegram', 'group-5550001', 'Курьеры', [
    {
      from: 'in',
      text: 'Маршруты на завтра в файле',
      at: now - 3 * 3600,
      file: {
        name: 'routes.xlsx',
        mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        size: 48213,
      },
    },
  ]);
  multiwa.receive('profile-sales', '6281234567890@c.us', 'Hello, wholesale prices please?', {
    live: false,
    name: 'Budi Santoso',
    at: new Date(Date.now() - 2 * 3600_000),
  });
}
