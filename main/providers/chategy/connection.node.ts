import type { ProviderEvent, MessageRef } from '../../../shared/model/events.std.ts';
import { StartLoop } from '../startLoop.node.ts';
import { toSendFailure } from '../errors.node.ts';
import type {
  ProviderConnection,
  ProviderContext,
  SendRequest,
  SendResult,
  WebhookSink,
} from '../plugin.node.ts';
import { ChategyApi, ChategyRequestError } from './api.node.ts';
import { configOf, type ChategyConfig } from './config.node.ts';
import { noticesOf, linesOf } from './account.node.ts';
import { ACCOUNT_NOTICES_KEY } from '../../../shared/model/notices.std.ts';
import { LINES, isLine, type LineKey } from './lines.node.ts';
import { ChategyLogins } from './logins.node.ts';
import { StatusPoller, pollTimings } from './poller.node.ts';
import { MAX_NATIVE_IMAGE_BYTES, checkFile, deliveryParams } from './send.node.ts';
import { effectOfStatusId, withVia } from './statuses.node.ts';
import type { DeliveryCallback } from './wire.node.ts';

/** A callback's `dispatch_routing` (the channel that produced the final status) → our line. */
const LINE_OF_ROUTING: Record<string, string> = {
  whatsapp: 'whatsapp',
  sms: 'whatsapp',
  tdlib: 'tdlib',
  telegram: 'telegram_bot',
  max: 'max',
  max_bot: 'max_bot',
};
import { WebhookReader } from './webhooks.node.ts';

export const timings = { accountRefreshMs: 10 * 60_000 };

/** Every webhook type Switchboard subscribes to. */
export const WEBHOOK_TYPES = [
  'whatsapp_incoming_msg',
  'tdlib_incoming_msg',
  'max_incoming_msg',
  'telegram_bot_incoming_msg',
  'max_bot_incoming_msg',
  'whatsapp_status_msg',
  'whatsapp_log_in',
  'whatsapp_log_out',
  'whatsapp_call',
] as const;

/**
 * One Chategy client token: WhatsApp, Telegram and MAX lines. Sends are REST deliveries made
 * idempotent by `external_id` + checksum; everything inbound arrives by webhook; Telegram and
 * MAX statuses are polled. No history API: the cache is the record.
 */
export class ChategyConnection implements ProviderConnection {
  /** `external_id` is our clientRef, and Chategy refuses a second delivery with the same one. */
  readonly idempotentSends = true;
  readonly login: ChategyLogins;
  readonly webhook: WebhookSink;
  readonly #config: ChategyConfig;
  readonly #api: ChategyApi;
  readonly #poller: StatusPoller;
  readonly #reader: WebhookReader;
  #refresh: NodeJS.Timeout | undefined;
  readonly #knownLines = new Set<string>();
  readonly #sessions = new Map<string, string>();

  constructor(private readonly context: ProviderContext) {
    this.#config = configOf(context.config);
    const token = context.secrets.get('token') ?? '';
    this.#api = new ChategyApi(this.#config.apiBase, this.#config.developerBase, {
      token,
      idempotencyKey: context.secrets.get('idempotencyKey'),
      developerKey: context.secrets.get('developerKey'),
    });
    this.login = new ChategyLogins({
      config: this.#config,
      token,
      api: this.#api,
      emit: (line, state) => this.#emit({ kind: 'login', line, state }),
      warn: (message, detail) => context.log.warn(message, detail),
      quarantine: (reason, raw) => context.quarantine('socket', reason, raw),
    });
    this.#poller = new StatusPoller(
      this.#api,
      (line, id, effect) =>
        this.#emit(
          'deleted' in effect
            ? { kind: 'deleted', line, ref: { internal: id } }
            : { kind: 'status', line, ref: { internal: id }, status: effect.status },
        ),
      (message, detail) => context.log.warn(message, detail),
    );
    this.#reader = new WebhookReader({
      customerId: this.#config.customerId,
      emit: (event) => this.#emit(event),
      quarantine: (reason, raw) => context.quarantine('webhook', reason, raw),
      // With SMS fallback a WhatsApp failure is not the end: the poller learns how the cascade ends.
      cascading: (deliveryId) =>
        deliveryId !== null &&
        this.#config.smsFallback === 'yes' &&
        this.#poller.cascaded(deliveryId),
      watch: (line, deliveryId) => this.#watch(line, deliveryId),
      settled: (deliveryId, delivered) => this.#poller.settled(deliveryId, delivered),
      callback: (delivery) => this.#callback(delivery),
      whatsAppSignedIn: () => this.login.whatsAppSignedIn(),
    });
    this.webhook = {
      receive: (body) => this.#reader.receive(body),
      registered: async () => {
        const ours = context.webhookUrl();
        return (await this.#api.webhooks()).find((w) => w.url === ours)?.url ?? null;
      },
      register: async (url) => {
        // Several webhooks may coexist: ours (an older URL of this account) is replaced, a CRM's stays.
        const mine = url.slice(0, url.lastIndexOf('/') + 1);
        for (const old of await this.#api.webhooks())
          if (old.url.startsWith(mine) && old.url !== url) await this.#api.deleteWebhook(old.id);
        await this.#api.createWebhook(url, WEBHOOK_TYPES);
      },
    };
  }

  readonly #starting = new StartLoop({
    attempt: () => this.#readAccount(true),
    started: () => this.#started(),
    report: (state) => this.#emit({ kind: 'connection', state }),
  });

  start(): Promise<void> {
    return this.#starting.start();
  }

  #started(): void {
    this.#emit({ kind: 'connection', state: { state: 'online' } });
    // Deliveries still in flight when the app last closed: their statuses are polled again.
    const since = Date.now() - pollTimings.giveUpMs;
    for (const line of ['tdlib', 'max', 'whatsapp']) {
      for (const id of this.context.cache.unsettledOutgoing(line, since, 500))
        this.#watch(line, id);
    }
    this.#refresh = setInterval(
      () => void this.#readAccount(false).catch(() => undefined),
      timings.accountRefreshMs,
    );
  }

  async stop(): Promise<void> {
    this.#starting.stop();
    clearInterval(this.#refresh);
    this.#poller.stop();
    this.login.close();
  }

  async send(request: SendRequest): Promise<SendResult> {
    const params = deliveryParams(request, this.#config.smsFallback === 'yes');
    // Chategy POSTs the final status there: the one report Telegram and MAX (and an SMS) give.
    const callbackUrl = this.context.webhookUrl();
    if (callbackUrl) params.callback_url = callbackUrl;
    // The echo may come before the answer, or the answer may be lost: either way it must merge.
    this.#reader.expect(request);
    try {
      let delivery;
      if (request.attachment) {
        checkFile(request.attachment);
        const { fileName, mime, data } = request.attachment;
        const native = mime.startsWith('image/') && data.byteLength < MAX_NATIVE_IMAGE_BYTES;
        Object.assign(params, {
          file_name: fileName,
          type: native ? 'image' : 'document',
          customer_id: this.#config.customerId,
          ...(request.text ? { caption: request.text } : {}),
        });
        delivery = await this.#api.sendFile(params, { name: fileName, mime, data });
      } else {
        delivery = await this.#api.deliver({ ...params, text: request.text ?? '' });
      }
      const id = String(delivery.id);
      this.#reader.settle(request);
      const effect =
        delivery.status_id == null
          ? null
          : effectOfStatusId(delivery.status_id, delivery.status_description);
      if (!effect?.final) this.#watch(request.line, id);
      return {
        ids: { internal: id },
        ...(effect && 'status' in effect ? { status: effect.status } : {}),
      };
    } catch (error) {
      if (error instanceof ChategyRequestError && error.status === 409) {
        // A retry of a send Chategy already took (the answer was lost): it is not sent
        // twice. Its echo carries the delivery id and is matched by chat and content.
        return { ids: {}, status: { tick: 'pending' } };
      }
      const failure = toSendFailure(error);
      if (!failure.retryable) this.#reader.settle(request);
      throw failure;
    }
  }

  async deleteForEveryone(_line: string, _chatId: string, ref: MessageRef): Promise<void> {
    if (!ref.internal)
      throw toSendFailure(
        new ChategyRequestError(
          'Only messages sent through Chategy can be deleted for everyone.',
          422,
          {},
        ),
      );
    await this.#api.deleteDelivery(ref.internal).catch((error: unknown) => {
      throw toSendFailure(error);
    });
  }

  /**
   * Polls a delivery until it ends. WhatsApp's own receipts come by webhook, so its polls
   * start late and stop at "delivered": they catch what no webhook says (not on WhatsApp,
   * deleted, a cascade to SMS).
   */
  #watch(line: string, deliveryId: string): void {
    if (line !== 'whatsapp') return this.#poller.watch(line, deliveryId);
    const cascade = this.#config.smsFallback === 'yes';
    this.#poller.watch(line, deliveryId, {
      firstMs: cascade ? pollTimings.firstMs : pollTimings.whatsAppFirstMs,
      readWatch: false,
    });
  }

  /** A `callback_url` POST: the delivery's final status, by whichever channel produced it. */
  #callback(delivery: DeliveryCallback['delivery']): void {
    const id = String(delivery.id);
    const effect = effectOfStatusId(delivery.status.status_id, delivery.status.description);
    if (!effect)
      return this.context.log.warn(
        'unknown Chategy status in a delivery callback, keeping the last one',
        { id, statusId: delivery.status.status_id },
      );
    const routing = delivery.status.dispatch_routing ?? undefined;
    const line =
      this.#poller.lineOf(id) ?? (routing ? LINE_OF_ROUTING[routing] : undefined) ?? 'whatsapp';
    const reported = withVia(effect, routing === 'sms');
    this.#emit(
      'deleted' in reported
        ? { kind: 'deleted', line, ref: { internal: id } }
        : { kind: 'status', line, ref: { internal: id }, status: reported.status },
    );
    this.#poller.settled(id, 'status' in effect && effect.status.tick === 'delivered');
  }

  async #readAccount(first: boolean): Promise<void> {
    const account = await this.#api.account();
    this.#emit({ kind: 'workspace', key: ACCOUNT_NOTICES_KEY, value: noticesOf(account) });
    for (const line of linesOf(account)) {
      const login = line.login ?? { state: 'unknown' };
      const previous = this.#sessions.get(line.providerLineId);
      this.#sessions.set(line.providerLineId, login.state);
      if (first) this.#emit({ kind: 'line', line });
      // A change seen on the next read (signed out on the phone), unless a sign-in is under way here.
      else if (
        login.state !== previous &&
        login.state !== 'unknown' &&
        !this.login.busy(line.providerLineId)
      )
        this.#emit({ kind: 'login', line: line.providerLineId, state: login });
    }
  }

  #emit(event: ProviderEvent): void {
    if (event.kind === 'line') this.#knownLines.add(event.line.providerLineId);
    else if ('line' in event && isLine(event.line) && !this.#knownLines.has(event.line)) {
      // The bots have no session to read: their line appears with their first message.
      const key: LineKey = event.line;
      this.#knownLines.add(key);
      this.context.emit({
        kind: 'line',
        line: {
          providerLineId: key,
          messenger: LINES[key].messenger,
          title: LINES[key].title,
          login: { state: 'authorized' },
        },
      });
    }
    this.context.emit(event);
  }
}
