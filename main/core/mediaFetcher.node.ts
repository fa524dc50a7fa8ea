import fs from 'node:fs';
import path from 'node:path';
import type { Cache } from '../db/cache.node.ts';
import type { EventBus } from './eventBus.node.ts';
import { createLogger } from '../log/logger.node.ts';

const log = createLogger('media');

export const MAX_MEDIA_BYTES = 100 * 1024 * 1024;
export const mediaTimings = { retryMs: 30_000, attempts: 5 };

interface Job {
  conversationId: number;
  messageId: number;
  url: string;
  fileName?: string;
  expiresAt: number;
  attempt: number;
}

/**
 * Copies media behind expiring links (Chategy's signed URLs live 48 hours) into the data
 * folder while they still work, so a message's file stays available as long as the message.
 * Two downloads at a time; a failed one is tried again until the link expires.
 */
export class MediaFetcher {
  readonly #queue: Job[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  #running = 0;
  #closed = false;

  constructor(
    private readonly cache: Cache,
    private readonly bus: EventBus,
    readonly dir: string,
  ) {}

  enqueue(items: readonly Omit<Job, 'attempt'>[]): void {
    if (this.#closed) return;
    for (const item of items) this.#queue.push({ ...item, attempt: 0 });
    this.#pump();
  }

  /** Resolves when nothing is queued or downloading (for tests and a clean quit). */
  async idle(): Promise<void> {
    while (this.#queue.length || this.#running || this.#timers.size)
      await new Promise((resolve) => setTimeout(resolve, 10));
  }

  close(): void {
    this.#closed = true;
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    this.#queue.length = 0;
  }

  #pump(): void {
    while (this.#running < 2 && this.#queue.length) {
      const job = this.#queue.shift()!;
      this.#running += 1;
      void this.#fetch(job).finally(() => {
        this.#running -= 1;
        this.#pump();
      });
    }
  }

  async #fetch(job: Job): Promise<void> {
    if (Date.now() >= job.expiresAt) return;
    const file = path.join(
      this.dir,
      `${job.messageId}-${safeName(job.fileName ?? new URL(job.url).pathname.split('/').pop() ?? 'file')}`,
    );
    try {
      const response = await fetch(job.url, { signal: AbortSignal.timeout(120_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const declared = Number(response.headers.get('content-length') ?? 0);
      if (declared > MAX_MEDIA_BYTES)
        return log.warn('media too large to keep a copy', {
          messageId: job.messageId,
          bytes: declared,
        });
      const data = Buffer.from(await response.arrayBuffer());
      if (data.length > MAX_MEDIA_BYTES || this.#closed) return;
      fs.mkdirSync(this.dir, { recursive: true });
      fs.writeFileSync(`${file}.part`, data);
      fs.renameSync(`${file}.part`, file);
      if (this.#closed || !this.cache.ingest.setLocalPath(job.messageId, file)) return;
      this.bus.emit('messages.upserted', {
        conversationId: job.conversationId,
        messages: this.cache.reader.getMessages([job.messageId]),
      });
    } catch (error) {
      if (this.#closed) return;
      job.attempt += 1;
      if (job.attempt >= mediaTimings.attempts)
        return log.warn('media could not be copied', {
          messageId: job.messageId,
          error: String(error),
        });
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        this.#queue.push(job);
        this.#pump();
      }, mediaTimings.retryMs * job.attempt);
      this.#timers.add(timer);
    }
  }
}

function safeName(name: string): string {
  let decoded = name;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    // A malformed escape: the raw name is fine once sanitised.
  }
  return decoded.replace(/[^\w.-]+/g, '_').slice(-80) || 'file';
}
