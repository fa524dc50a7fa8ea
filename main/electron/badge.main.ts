import type { Core } from '../core/core.node.ts';

/**
 * Keeps the dock/taskbar badge at the number of unread messages on lines that are not
 * muted, as Telegram Desktop does. Recounted at most once per `delayMs`, since a burst of
 * messages changes it many times.
 */
export function bindBadge(core: Pick<Core, 'on' | 'cache'>, setBadgeCount: (count: number) => void, delayMs = 250): () => void {
  let timer: NodeJS.Timeout | undefined;
  let shown = -1;
  const update = () => {
    timer = undefined;
    const count = core.cache.reader.totalUnread();
    if (count !== shown) setBadgeCount((shown = count));
  };
  update();
  const off = core.on((event) => {
    if ((event === 'conversations.upserted' || event === 'conversations.invalidated' || event === 'accounts.changed') && !timer) timer = setTimeout(update, delayMs);
  });
  return () => {
    off();
    clearTimeout(timer);
  };
}
