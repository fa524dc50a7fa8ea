import { ProviderUnavailable } from '../errors.node.ts';
import { ChategyRequestError, type ChategyApi } from './api.node.ts';
import { effectOfStatusId, type StatusEffect } from './statuses.node.ts';

export const pollTimings = {
  firstMs: 3000,
  maxMs: 5 * 60_000,
  giveUpMs: 3 * 24 * 3600_000,
  /** After "delivered" a messenger can still report "read": watched more slowly, for a day. */
  readWatchFirstMs: 60_000,
  readWatchForMs: 24 * 3600_000,
};

interface Job {
  line: string;
  attempt: number;
  since: number;
  timer: NodeJS.Timeout;
  /** Delivered: only a read can still come. */
  readWatch: boolean;
}

/**
 * Telegram and MAX have no status webhook, and a cascade (WhatsApp, then SMS) settles only
 * at Chategy: `GET /delivery/{id}` is polled with a growing interval until a final status.
 * Chategy calls "delivered" (2) final, yet "read" (16) may follow on a messenger, so a
 * delivered message is still watched, slowly, for a day.
 */
export class StatusPoller {
  readonly #jobs = new Map<string, Job>();

  constructor(
    private readonly api: ChategyApi,
    private readonly report: (line: string, deliveryId: string, effect: StatusEffect) => void,
    private readonly warn: (message: string, detail?: Record<string, unknown>) => void,
  ) {}

  watch(line: string, deliveryId: string): void {
    if (this.#jobs.has(deliveryId)) return;
    const job: Job = { line, attempt: 0, since: Date.now(), readWatch: false, timer: setTimeout(() => void this.#poll(deliveryId), pollTimings.firstMs) };
    this.#jobs.set(deliveryId, job);
  }

  watching(deliveryId: string): boolean {
    return this.#jobs.has(deliveryId);
  }

  get size(): number {
    return this.#jobs.size;
  }

  stop(): void {
    for (const job of this.#jobs.values()) clearTimeout(job.timer);
    this.#jobs.clear();
  }

  async #poll(id: string): Promise<void> {
    const job = this.#jobs.get(id);
    if (!job) return;
    try {
      const delivery = await this.api.delivery(id);
      const statusId = delivery.status?.status_id ?? delivery.status_id;
      const effect = statusId == null ? null : effectOfStatusId(statusId, delivery.status?.description ?? delivery.status_description);
      if (!this.#jobs.has(id)) return;
      if (effect) this.report(job.line, id, effect);
      else this.warn('unknown Chategy delivery status, keeping the last one', { id, statusId });
      if (effect && 'status' in effect && effect.status.tick === 'delivered') {
        if (!job.readWatch) Object.assign(job, { readWatch: true, attempt: 0, since: Date.now() });
      } else if (effect?.final) return void this.#jobs.delete(id);
    } catch (error) {
      if (error instanceof ChategyRequestError && (error.status === 404 || error.status === 422)) {
        this.warn('Chategy no longer knows a delivery; polling stops', { id });
        return void this.#jobs.delete(id);
      }
      if (!(error instanceof ProviderUnavailable)) this.warn('status poll failed', { id, error: String(error) });
    }
    if (!this.#jobs.has(id)) return;
    if (Date.now() - job.since > (job.readWatch ? pollTimings.readWatchForMs : pollTimings.giveUpMs)) return void this.#jobs.delete(id);
    job.attempt += 1;
    const first = job.readWatch ? pollTimings.readWatchFirstMs : pollTimings.firstMs;
    job.timer = setTimeout(() => void this.#poll(id), Math.min(pollTimings.maxMs, first * 2 ** job.attempt));
  }
}
