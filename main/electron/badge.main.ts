import type { Core } from '../core/core.node.ts';
import type { EventPayload } from '../../shared/ipc/contract.std.ts';

/**
 * Keeps the dock/taskbar badge at the number of unread messages on lines that are not muted,
 * as Telegram Desktop does: the core's own count (`unread.changed`, already paced for bursts).
 */
export function bindBadge(
  core: Pick<Core, 'on' | 'unread'>,
  setBadgeCount: (count: number) => void,
): () => void {
  let shown = core.unread.counts().total;
  setBadgeCount(shown);
  return core.on((event, payload) => {
    if (event !== 'unread.changed') return;
    const { total } = payload as EventPayload<'unread.changed'>;
    if (total !== shown) setBadgeCount((shown = total));
  });
}
