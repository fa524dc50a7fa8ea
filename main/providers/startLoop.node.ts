import type { ConnectionState } from '../../shared/model/connection.std.ts';
import { Backoff } from './backoff.node.ts';
import { failedStart } from './errors.node.ts';

/**
 * How every connection comes up: try; a refused credential ends at "sign-in needed", any
 * other failure is retried with backoff (said as "reconnecting", with when and why); once up,
 * the backoff starts over. `stop` cancels a pending retry for good.
 */
export class StartLoop {
  readonly #backoff = new Backoff();
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(
    private readonly steps: {
      /** Everything that must work before the connection counts as up. */
      attempt(): Promise<void>;
      /** Up: announce it, start what runs while connected. */
      started(): void | Promise<void>;
      report(state: ConnectionState): void;
    },
  ) {}

  /** Starts (or starts again after a stop). */
  start(): Promise<void> {
    this.#stopped = false;
    return this.#run();
  }

  /** A failure found after the attempt (MultiWA: neither socket answered) is retried the same way. */
  failed(error: unknown): void {
    if (this.#stopped) return;
    const { state, retryInMs } = failedStart(error, this.#backoff);
    this.steps.report(state);
    clearTimeout(this.#timer);
    if (retryInMs !== null) this.#timer = setTimeout(() => void this.#run(), retryInMs);
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  async #run(): Promise<void> {
    if (this.#stopped) return;
    try {
      await this.steps.attempt();
    } catch (error) {
      return this.failed(error);
    }
    if (this.#stopped) return;
    this.#backoff.reset();
    await this.steps.started();
  }
}
