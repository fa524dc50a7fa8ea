// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CoreClient } from '../../../renderer/src/ipc/client.dom.ts';
import type { Transport } from '../../../renderer/src/ipc/transport.dom.ts';
import { bindWebNotifications } from '../../../renderer/src/webNotifications.dom.ts';
import { useWorkspace } from '../../../renderer/src/store/workspace.dom.ts';
import { DEFAULT_SETTINGS } from '../../../shared/model/settings.std.ts';
import type { ConversationController } from '../../../renderer/src/store/conversation.dom.ts';

class FakeNotification {
  static permission: NotificationPermission = 'granted';
  static made: FakeNotification[] = [];
  onclick: (() => void) | null = null;
  onclose: (() => void) | null = null;
  closed = false;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    FakeNotification.made.push(this);
  }
  close() {
    this.closed = true;
  }
}

function setup(electron: boolean, visibility: DocumentVisibilityState) {
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const transport: Transport = {
    invoke: async () => ({ ok: true, result: {} }),
    onEvent: (l) => (listeners.add(l), () => listeners.delete(l)),
    onStatus: () => () => undefined,
    mediaUrl: (n) => n,
    fileContent: async () => ({ dataBase64: '' }),
  };
  useWorkspace.setState({
    app: {
      version: '1',
      demo: true,
      electron,
      secrets: { where: 'memory', choosable: false },
      problems: [],
      logFile: null,
    },
    settings: DEFAULT_SETTINGS,
  });
  vi.stubGlobal('Notification', FakeNotification);
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
  const open = vi.fn(async () => undefined);
  // jsdom has no window to bring forward.
  vi.spyOn(window, 'focus').mockImplementation(() => undefined);
  const off = bindWebNotifications(new CoreClient(transport), {
    open,
  } as unknown as ConversationController);
  const notify = (conversationId: number, body: string) =>
    listeners.forEach((l) =>
      l('notification', {
        conversationId,
        messageId: 1,
        title: 'Anna · Shop WhatsApp',
        body,
        count: 1,
      }),
    );
  return { open, off, notify };
}

afterEach(() => {
  FakeNotification.made = [];
  vi.unstubAllGlobals();
});

describe('notifications in browser mode', () => {
  it('are shown while the tab is in the background, one per chat, and a click opens the chat', () => {
    const { open, off, notify } = setup(false, 'hidden');
    notify(5, 'Is it in stock?');
    notify(5, '2 new messages: still there?');
    expect(FakeNotification.made.map((n) => [n.title, n.options.body])).toEqual([
      ['Anna · Shop WhatsApp', 'Is it in stock?'],
      ['Anna · Shop WhatsApp', '2 new messages: still there?'],
    ]);
    expect(FakeNotification.made[0]!.closed).toBe(true);
    FakeNotification.made[1]!.onclick!();
    expect(open).toHaveBeenCalledWith(5);
    off();
  });

  it('stay quiet in the desktop app (the shell shows them), in a visible tab, or without permission', () => {
    setup(true, 'hidden').notify(5, 'x');
    setup(false, 'visible').notify(5, 'x');
    FakeNotification.permission = 'default';
    setup(false, 'hidden').notify(5, 'x');
    FakeNotification.permission = 'granted';
    expect(FakeNotification.made).toHaveLength(0);
  });
});
