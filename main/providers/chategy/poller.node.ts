import { ProviderUnavailable } from '../errors.node.ts';
import { ChategyRequestError, type ChategyApi } from './api.node.ts';
import { effectOfStatusId, withVia, type StatusEffect } from './statuses.node.ts';

export const pollTimings = {
  firstMs: 3000,
  maxMs: 5 * 60_000,
  giveUpMs: 3 * 24 * 3600_000,
  /** After "delivered" a messenger can still report "read": watched more slowly, for a day. */
  readWatchFirstMs: 60_000,
  readWatchForMs: 24 * 3600_000,
  /**
   * WhatsApp reports its own receipts by webhook; its deliveries are polled only in case none
   * comes (a number not on WhatsApp, a deleted message, a lost callback), so later and slower.
   */
  whatsAppFirstMs: 60_000,
};

interface Job {
  line: string;
  attempt: number;
  since: number;
  timer: NodeJS.Timeout;
  firstMs: number;
  /** Delivered: only a read can still come. */
  readWatch: boolean;
  /** WhatsApp said it could not deliver; what settles now is the next channel of the cascade. */
  cascaded: boolean;
}

export interface WatchOptions {
  firstMs?: number;
  /** Whether a delivered message is still watched for "read" (not on WhatsApp, whose webhook says it). */
  readWatch?: boolean;
}

/**
 * Telegram and MAX have no status webhook, and a cascade (WhatsApp, then SMS) settles only
 * at Chategy: `GET /delivery/{id}` is polled with a growing interval until a final status.
 * Chategy calls "delivered" (2) final, yet "read" (16) may follow on a messenger, so a
 * delivered message is still watched, slowly, for a day.
 */
export class StatusPoller {
  readonly #jobs = new Map<string, Job>();
  readonly #noReadWatch = new Set<string>();

  constructor(
    private readonly api: ChategyApi,
    private readonly report: (line: string, deliveryId: string, effect: StatusEffect) => void,
    private readonly warn: (message: string, detail?: Record<string, unknown>) => void,
  ) {}

  watch(line: string, deliveryId: string, options: WatchOptions = {}): void {
    if (this.#jobs.has(deliveryId)) return;
    const firstMs = options.firstMs ?? pollTimings.firstMs;
    const job: Job = {
      line,
      attempt: 0,
      since: Date.now(),
      firstMs,
      readWatch: false,
      cascaded: false,
      timer: setTimeout(() => void this.#poll(deliveryId), firstMs),
    };
    if (options.readWatch === false) this.#noReadWatch.add(deliveryId);
    this.#jobs.set(deliveryId, job);
  }

  watching(deliveryId: string): boolean {
    return this.#jobs.has(deliveryId);
  }

  lineOf(deliveryId: string): string | undefined {
    return this.#jobs.get(deliveryId)?.line;
  }

  /** WhatsApp failed on a delivery that cascades: its next status is the SMS's, and is polled soon. */
  cascaded(deliveryId: string): boolean {
    const job = this.#jobs.get(deliveryId);
    if (!job) return false;
    if (!job.cascaded) {
      job.cascaded = true;
      clearTimeout(job.timer);
      job.attempt = 0;
      job.timer = setTimeout(() => void this.#poll(deliveryId), pollTimings.firstMs);
    }
    return true;
  }

  /** The status as a report of this delivery: a cascaded one names the channel it ended on. */
  viaOf(deliveryId: string): 'sms' | undefined {
    return this.#jobs.get(deliveryId)?.cascaded ? 'sms' : undefined;
  }

  /** A webhook or callback told the outcome: no more polling (a read may still be watched for). */
  settled(deliveryId: string, delivered = false): void {
    const job = this.#jobs.get(deliveryId);
    if (!job) return;
    if (delivered && !this.#noReadWatch.has(deliveryId) && !job.readWatch) {
      clearTimeout(job.timer);
      Object.assign(job, { readWatch: true, attempt: 0, since: Date.now() });
      job.timer = setTimeout(() => void this.#poll(deliveryId), pollTimings.readWatchFirstMs);
      return;
    }
    if (delivered && job.readWatch) return;
    this.#forget(deliveryId);
  }

  get size(): number {
    return this.#jobs.size;
  }

  stop(): void {
    for (const job of this.#jobs.values()) clearTimeout(job.timer);
    this.#jobs.clear();
    this.#noReadWatch.clear();
  }

  #forget(id: string): void {
    clearTimeout(this.#jobs.get(id)?.timer);
    this.#jobs.delete(id);
    this.#noReadWatch.delete(id);
  }

  async #poll(id: string): Promise<void> {
    const job = this.#jobs.get(id);
    if (!job) return;
    try {
      const delivery = await this.api.delivery(id);
      const statusId = delivery.status?.status_id ?? delivery.status_id;
      const effect =
        statusId == null
          ? null
          : effectOfStatusId(statusId, delivery.status?.description ?? delivery.status_description);
      if (!this.#jobs.has(id)) return;
      if (effect) this.report(job.line, id, withVia(effect, job.cascaded));
      else this.warn('unknown Chategy delivery status, keeping the last one', { id, statusId });
      if (effect && 'status' in effect && effect.status.tick === 'delivered') {
        if (this.#noReadWatch.has(id)) return void this.#forget(id);
        if (!job.readWatch) Object.assign(job, { readWatch: true, attempt: 0, since: Date.now() });
      } else if (effect?.final) return void this.#forget(id);
    } catch (error) {
      if (error instanceof ChategyRequestError && (error.status === 404 || error.status === 422)) {
        this.warn('Chategy no longer knows a delivery; polling stops', { id });
        return void this.#forget(id);
      }
      if (!(error instanceof ProviderUnavailable))
        this.warn('status poll failed', { id, error: String(error) });
    }
    if (!this.#jobs.has(id)) return;
    if (
      Date.now() - job.since >
      (job.readWatch ? pollTimings.readWatchForMs : pollTimings.giveUpMs)
    )
      return void this.#forget(id);
    job.attempt += 1;
    const first = job.readWatch
      ? pollTimings.readWatchFirstMs
      : job.cascaded
        ? pollTimings.firstMs
        : job.firstMs;
    job.timer = setTimeout(
      () => void this.#poll(id),
      Math.min(pollTimings.maxMs, first * 2 ** job.attempt),
    );
  }
}
