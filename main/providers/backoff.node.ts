/**
 * Reconnect delays: exponential from `baseMs` to `maxMs`, with "equal jitter" (half fixed,
 * half random) so a server restart is not met by every client at the same instant.
 */
export class Backoff {
  #attempt = 0;

  constructor(
    private readonly baseMs = 1000,
    private readonly maxMs = 60_000,
    private readonly random: () => number = Math.random,
  ) {}

  get attempt(): number {
    return this.#attempt;
  }

  /** The delay before the next attempt; counts the attempt. */
  next(): number {
    this.#attempt += 1;
    const ceiling = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(this.#attempt - 1, 16));
    return Math.round(ceiling * (0.5 + this.random() * 0.5));
  }

  reset(): void {
    this.#attempt = 0;
  }
}
