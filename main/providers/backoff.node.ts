/**
 * Reconnect delays: exponential from `baseMs` to `maxMs`, with "equal jitter" (half fixed,
 * half random) so a server restart is not met by every client at the same instant.
 *
 * For the first minute of an outage the delays stay at or under a second: a
 * provider restarting (seconds, usually) is back in use within about that long after it
 * returns, instead of after a minute-long wait that the doubling had reached meanwhile.
 */
export class Backoff {
  #attempt = 0;
  #since: number | undefined;

  constructor(
    private readonly baseMs = 1000,
    private readonly maxMs = 60_000,
    private readonly random: () => number = Math.random,
    private readonly quick: { forMs: number; maxMs: number } = { forMs: 60_000, maxMs: 1000 },
    private readonly now: () => number = Date.now,
  ) {}

  get attempt(): number {
    return this.#attempt;
  }

  /** The delay before the next attempt; counts the attempt. */
  next(): number {
    this.#attempt += 1;
    this.#since ??= this.now();
    let ceiling = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(this.#attempt - 1, 16));
    if (this.now() - this.#since < this.quick.forMs)
      ceiling = Math.min(ceiling, Math.max(this.quick.maxMs, this.baseMs));
    return Math.round(ceiling * (0.5 + this.random() * 0.5));
  }

  reset(): void {
    this.#attempt = 0;
    this.#since = undefined;
  }
}
