import type { CoreClient } from './ipc/client.dom.ts';
import type { ConversationController } from './store/conversation.dom.ts';
import { useWorkspace } from './store/workspace.dom.ts';

/**
 * Browser mode has no shell to show the core's notifications, so the page shows them with the
 * Web Notifications API, once the user allowed it (Settings), while the tab is in the background.
 * In Electron the shell shows them natively and this stays quiet.
 */
export function bindWebNotifications(
  client: CoreClient,
  conversation: ConversationController,
): () => void {
  const shown = new Map<number, Notification>();
  return client.on('notification', (event) => {
    if (useWorkspace.getState().app?.electron !== false) return;
    if (
      typeof Notification === 'undefined' ||
      Notification.permission !== 'granted' ||
      document.visibilityState === 'visible'
    )
      return;
    shown.get(event.conversationId)?.close();
    const notification = new Notification(event.title, {
      body: event.body,
      tag: `conversation-${event.conversationId}`,
      silent: !useWorkspace.getState().settings?.notifications.sound,
    });
    notification.onclick = () => {
      window.focus();
      void conversation.open(event.conversationId);
      notification.close();
    };
    notification.onclose = () =>
      shown.get(event.conversationId) === notification && shown.delete(event.conversationId);
    shown.set(event.conversationId, notification);
  });
}

/** Whether the page may show notifications: asked once, from a click (browsers require one). */
export async function allowWebNotifications(): Promise<NotificationPermission> {
  if (typeof Notification === 'undefined') return 'denied';
  return Notification.permission === 'default'
    ? Notification.requestPermission()
    : Notification.permission;
}
