import type { BatchResult, CacheEvent, IngestWriter } from '../db/ingestWriter.node.ts';
import { StorageError, toStorageError } from '../db/storageError.node.ts';
import { eventProblem } from '../../shared/model/eventSchema.std.ts';

export interface IngestQueueOptions {
  /** The most events in one transaction. */
  maxBatch?: number;
  /**
   * How long one transaction may hold the event loop: the batch size follows the measured
   * cost per event so a write takes about this long, then the loop turns (requests, IPC,
   * the window's frames) before the next slice. 16 ms by default, a frame: each slice
   * rewrites the conversation rows it touches, so smaller slices cost ingest speed. Since
   * the search worker checkpoints the log (see searchFeeder.node.ts), a 100,000-event burst
   * takes 2.9 s at 16 ms against 2.5 s at 50 ms, and 4.5 s at 8 ms (`npm run bench`).
   */
  sliceMs?: number;
  onFlushed(result: BatchResult): void;
  /** A storage failure: the events stay queued and are retried. */
  onStorageError(error: StorageError): void;
  /** An event the writer refused on its own (not the disk's fault). */
  onRejected(event: CacheEvent, error: unknown): void;
  /** An event that fails the model's checks (a time that is no date, an empty id): never queued. */
  onInvalid(event: unknown, reason: string): void;
  retryDelayMs?: (attempt: number) => number;
}

/**
 * Collects provider events and writes them in few transactions. A flush is scheduled with
 * setImmediate, not a timer: a lone live message is written within the same turn of the
 * event loop, while a burst arriving in one turn (a Pusher frame with 50 items, a history
 * page) shares one transaction.
 */
export class IngestQueue {
  #queue: CacheEvent[] = [];
  /**
   * Events that arrived while a backlog was being written: a customer's new message does not
   * wait behind a history page of thousands. The cache orders messages by their own time and
   * parks receipts that beat their message, so writing these first changes nothing else.
   */
  #express: CacheEvent[] = [];
  #scheduled = false;
  #retryTimer: NodeJS.Timeout | undefined;
  #failures = 0;
  #waiters: (() => void)[] = [];
  #settlers: ((ok: boolean) => void)[] = [];
  #firstPushAt = 0;
  #closed = false;
  readonly #maxBatch: number;
  readonly #sliceMs: number;
  /** Measured milliseconds per event of recent writes (a moving average). */
  #msPerEvent = 0.05;

  constructor(
    private readonly writer: IngestWriter,
    private readonly options: IngestQueueOptions,
  ) {
    this.#maxBatch = options.maxBatch ?? 8000;
    this.#sliceMs = options.sliceMs ?? 16;
  }

  get pending(): number {
    return this.#queue.length + this.#express.length;
  }

  push(event: CacheEvent): void {
    if (this.#closed) return;
    const problem = eventProblem(event);
    if (problem !== undefined) return this.options.onInvalid(event, problem);
    // Arrival time is the batch's: one timestamp per burst, not a property on every event.
    if (this.pending === 0) this.#firstPushAt = Date.now();
    const backlog =
      this.#flushing &&
      this.#queue.length > this.#sliceSize() &&
      !('historical' in event && event.historical);
    (backlog ? this.#express : this.#queue).push(event);
    this.#schedule();
  }

  /** Resolves once everything pushed so far is committed. */
  flushed(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /**
   * True once everything pushed so far is committed; false as soon as the disk refuses a
   * write (the events stay queued and are written when it recovers).
   */
  settled(): Promise<boolean> {
    if (this.pending === 0) return Promise.resolve(true);
    return new Promise((resolve) => this.#settlers.push(resolve));
  }

  /**
   * Writes these events at once, ahead of the backlog, with `alongside` in the same
   * transaction: a request that needs its own write waits for that write only. A refused
   * event or a storage failure throws; nothing of it is committed.
   */
  writeNow<T>(events: CacheEvent[], alongside: (result: BatchResult) => T): T {
    for (const event of events) {
      const problem = eventProblem(event);
      if (problem !== undefined) throw new Error(`not stored: ${problem}`);
    }
    let done: { result: BatchResult; value: T };
    try {
      done = this.writer.applyWith(events, alongside, Date.now());
    } catch (error) {
      const storage = toStorageError(error, 'cache');
      if (storage.problem !== 'unknown') this.options.onStorageError(storage);
      throw storage.problem === 'unknown' ? error : storage;
    }
    this.options.onFlushed(done.result);
    return done.value;
  }

  /**
   * Writes everything queued now, synchronously, holding the event loop for as long as that
   * takes: for shutdown and tests. A request waits with `flushed()` or writes its own event
   * with `writeNow()` instead.
   */
  flushNow(): void {
    while (this.pending > 0 && this.#retryTimer === undefined) this.#flushOne();
    this.#settleWaiters();
  }

  close(): void {
    this.flushNow();
    this.#closed = true;
    clearTimeout(this.#retryTimer);
  }

  #schedule(): void {
    if (this.#scheduled || this.#retryTimer !== undefined) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#flushOne();
      if (this.pending > 0) this.#schedule();
      else this.#settleWaiters();
    });
  }

  /** As many events as fit the slice at the measured cost. */
  #sliceSize(): number {
    return Math.max(50, Math.min(this.#maxBatch, Math.floor(this.#sliceMs / this.#msPerEvent)));
  }

  #flushing = false;

  #flushOne(): void {
    // A backlog (history page, reconnect, import) still goes in large transactions, but none
    // holds the loop much longer than a slice; what arrived meanwhile goes first.
    const lane = this.#express.length > 0 ? this.#express : this.#queue;
    const batch = lane.slice(0, this.#sliceSize());
    if (batch.length === 0) return;
    this.#flushing = true;
    try {
      const started = performance.now();
      const result = this.writer.applyBatch(batch, this.#firstPushAt || Date.now());
      lane.splice(0, batch.length);
      this.#failures = 0;
      this.options.onFlushed(result);
      // The cost of a slice is the write and what follows it (pushing rows to the page, the
      // unread counts): both hold the loop. Small batches carry a fixed cost that would
      // overstate the price of large ones; a slow slice is believed at once, a fast one gradually.
      const perEvent = (performance.now() - started) / batch.length;
      if (batch.length >= 50)
        this.#msPerEvent =
          perEvent > this.#msPerEvent ? perEvent : this.#msPerEvent * 0.7 + perEvent * 0.3;
    } catch (error) {
      const storage = toStorageError(error, 'cache');
      if (storage.problem === 'unknown') {
        // Not the disk: one event is at fault. Write the others, refuse that one.
        lane.splice(0, batch.length);
        this.#writeOneByOne(batch);
        return;
      }
      this.options.onStorageError(storage);
      const settlers = this.#settlers;
      this.#settlers = [];
      for (const settle of settlers) settle(false);
      this.#failures += 1;
      const delay = (this.options.retryDelayMs ?? defaultRetryDelay)(this.#failures);
      this.#retryTimer = setTimeout(() => {
        this.#retryTimer = undefined;
        this.#schedule();
      }, delay);
      this.#retryTimer.unref?.();
    }
  }

  #writeOneByOne(batch: CacheEvent[]): void {
    for (const event of batch) {
      try {
        this.options.onFlushed(this.writer.applyBatch([event], this.#firstPushAt || Date.now()));
      } catch (error) {
        this.options.onRejected(event, error);
      }
    }
  }

  #settleWaiters(): void {
    if (this.pending > 0) return;
    this.#flushing = false;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve();
    const settlers = this.#settlers;
    this.#settlers = [];
    for (const settle of settlers) settle(true);
  }
}

function defaultRetryDelay(attempt: number): number {
  return Math.min(30_000, 500 * 2 ** Math.min(attempt, 6));
}

export { StorageError };
