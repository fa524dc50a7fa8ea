import type { NotificationConstructorOptions } from 'electron';
import type { ShellView } from '../coreHost/shellView.node.ts';
import type { EventPayload } from '../../shared/ipc/contract.std.ts';

/** The slice of Electron's Notification the shell uses. */
export interface DesktopNotification {
  on(event: 'click', listener: () => void): void;
  on(event: 'close', listener: () => void): void;
  show(): void;
  close(): void;
}

export interface NotificationDeps {
  isSupported(): boolean;
  create(options: NotificationConstructorOptions): DesktopNotification;
  /** Brings the window forward at that conversation. */
  open(target: { conversationId: number; messageId: number }): void;
  icon?: NotificationConstructorOptions['icon'];
}

/**
 * Shows the core's `notification` events as native notifications. The core already applied
 * the rules (mute, do-not-disturb, focused chat) and the wording; here a newer notification for
 * a conversation replaces the older one, so a burst leaves one entry in the notification centre.
 */
export function bindNotifications(
  core: Pick<ShellView, 'on' | 'settings'>,
  deps: NotificationDeps,
): () => void {
  // Held until closed: a garbage-collected Notification silently loses its click handler.
  const shown = new Map<number, DesktopNotification>();
  const dismiss = (conversationId: number) => {
    shown.get(conversationId)?.close();
    shown.delete(conversationId);
  };
  const show = (event: EventPayload<'notification'>) => {
    if (!deps.isSupported()) return;
    dismiss(event.conversationId);
    const notification = deps.create({
      title: event.title,
      body: event.body,
      silent: !core.settings().notifications.sound,
      ...(deps.icon ? { icon: deps.icon } : {}),
    });
    const target = { conversationId: event.conversationId, messageId: event.messageId };
    notification.on('click', () => deps.open(target));
    notification.on('close', () => {
      if (shown.get(event.conversationId) === notification) shown.delete(event.conversationId);
    });
    shown.set(event.conversationId, notification);
    notification.show();
  };
  const offShow = core.on('notification', show);
  // Read elsewhere (here, or on the phone): its notification has nothing left to say.
  const offRead = core.on('conversations.upserted', ({ conversations }) => {
    for (const c of conversations) if (c.unread === 0) dismiss(c.id);
  });
  const off = () => {
    offShow();
    offRead();
  };
  return () => {
    off();
    for (const n of shown.values()) n.close();
    shown.clear();
  };
}
