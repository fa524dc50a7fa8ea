import type { CacheReader } from '../db/reader.node.ts';
import type { EventBus } from './eventBus.node.ts';

export type UnreadCounts = { total: number; lines: Record<string, number> };

/**
 * Publishes `unread.changed` when the counts really change, recounted at most once per
 * `delayMs`: a burst of messages touches conversations many times.
 */
export class UnreadCounter {
  #timer: NodeJS.Timeout | undefined;
  #last = '';
  readonly #off: () => void;

  constructor(
    private readonly reader: Pick<CacheReader, 'unreadCounts'>,
    private readonly bus: EventBus,
    private readonly delayMs = 250,
  ) {
    // Passive: with nobody to tell (a headless run with no client), counting would be wasted work.
    this.#off = bus.on(
      (event) => {
        if (
          event === 'conversations.upserted' ||
          event === 'conversations.invalidated' ||
          event === 'accounts.changed'
        )
          this.#schedule();
      },
      { passive: true },
    );
  }

  counts(): UnreadCounts {
    return this.reader.unreadCounts();
  }

  close(): void {
    this.#off();
    clearTimeout(this.#timer);
  }

  #schedule(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      const counts = this.counts();
      const key = JSON.stringify(counts);
      if (key === this.#last) return;
      this.#last = key;
      this.bus.emit('unread.changed', counts);
    }, this.delayMs);
    this.#timer.unref?.();
  }
}
