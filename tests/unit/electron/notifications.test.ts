import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NotificationConstructorOptions } from 'electron';
import type { Core } from '../../../main/core/core.node.ts';
import {
  bindNotifications,
  type DesktopNotification,
} from '../../../main/electron/notifications.main.ts';
import { followCore } from '../../../main/coreHost/shellView.node.ts';
import { customerSays, shopCore } from '../../helpers/core.ts';
import { until } from '../../integration/chatapp/harness.ts';

/** Stands in for Electron's Notification: records what was shown, closed and clicked. */
class FakeNotification implements DesktopNotification {
  readonly handlers: Record<string, () => void> = {};
  shown = false;
  closed = false;
  constructor(readonly options: NotificationConstructorOptions) {}
  on(event: 'click' | 'close', listener: () => void) {
    this.handlers[event] = listener;
  }
  show() {
    this.shown = true;
  }
  close() {
    this.closed = true;
    this.handlers.close?.();
  }
}

const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

async function setup(supported = true) {
  const core = shopCore(cores, [
    { providerLineId: 'wa', messenger: 'whatsapp', title: 'Shop WhatsApp' },
  ]);
  const created: FakeNotification[] = [];
  const open = vi.fn();
  const off = bindNotifications(await followCore(core), {
    isSupported: () => supported,
    create: (o) => (created.push(new FakeNotification(o)), created.at(-1)!),
    open,
  });
  let n = 0;
  const say = (chat: string, text: string) => {
    customerSays(core, 'wa', chat, `m${++n}`, text, `Customer ${chat}`);
    core.queue.flushNow();
  };
  return { core, created, open, off, say };
}

describe('native notifications', () => {
  it('show the contact and line with the preview, and a click opens that conversation at the message', async () => {
    const { core, created, open, say } = await setup();
    say('anna', 'Is the blue one in stock?');
    await until(() => created[0], 'a notification');
    expect(created[0]!.options).toMatchObject({
      title: 'Customer anna · Shop WhatsApp',
      body: 'Is the blue one in stock?',
      silent: false,
    });
    expect(created[0]!.shown).toBe(true);
    created[0]!.handlers.click!();
    const { items } = await core.call('conversations.list', { limit: 5 });
    const page = await core.call('messages.page', { conversationId: items[0]!.id, limit: 5 });
    expect(open).toHaveBeenCalledWith({
      conversationId: items[0]!.id,
      messageId: page.items.at(-1)!.id,
    });
  });

  it('replace the older notification of the same conversation, and go away once it is read', async () => {
    const { core, created, say } = await setup();
    say('anna', 'one');
    await until(() => created[0], 'the first notification');
    say('anna', 'two');
    say('anna', 'three');
    await until(() => created[1], 'the second notification');
    expect(created[0]!.closed).toBe(true);
    expect(created[1]!.options.body).toBe('2 new messages: three');
    expect(created[1]!.closed).toBe(false);
    const { items } = await core.call('conversations.list', { limit: 5 });
    await core.call('conversations.markRead', { id: items[0]!.id });
    await until(() => created[1]!.closed, 'dismissed once read');
  });

  it('stay silent when sound is off, and are not attempted where the OS has none', async () => {
    const quiet = await setup();
    await quiet.core.call('settings.set', {
      notifications: { enabled: true, sound: false, showPreview: false },
    });
    quiet.say('bob', 'secret price');
    await until(() => quiet.created[0], 'a silent notification');
    expect(quiet.created[0]!.options).toMatchObject({ silent: true, body: 'New message' });

    const none = await setup(false);
    const seen: unknown[] = [];
    none.core.on((event, payload) => event === 'notification' && seen.push(payload));
    none.say('carol', 'hello');
    await until(() => seen[0], 'the core’s notification event');
    expect(none.created).toHaveLength(0);
  });
});
