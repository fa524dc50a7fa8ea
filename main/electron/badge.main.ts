import type { ShellView } from '../coreHost/shellView.node.ts';

/**
 * Keeps the dock/taskbar badge at the number of unread messages on lines that are not muted,
 * as Telegram Desktop does: the core's own count (`unread.changed`, already paced for bursts).
 */
export function bindBadge(
  view: Pick<ShellView, 'unreadTotal' | 'onChange'>,
  setBadgeCount: (count: number) => void,
): () => void {
  let shown = view.unreadTotal();
  setBadgeCount(shown);
  return view.onChange(() => {
    const total = view.unreadTotal();
    if (total !== shown) setBadgeCount((shown = total));
  });
}
