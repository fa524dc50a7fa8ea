/**
 * Runs `work` again after a failure, a few times with growing pauses: a sync right after a
 * reconnect often meets a socket the server just closed (ECONNRESET), and giving up there
 * would leave the outage's messages unfetched until the next drop.
 */
export async function retrying<T>(
  work: () => Promise<T>,
  options: { signal: AbortSignal; attempts?: number; firstDelayMs?: number },
): Promise<T> {
  const attempts = options.attempts ?? 5;
  let delay = options.firstDelayMs ?? 500;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || options.signal.aborted) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (options.signal.aborted) throw error;
      delay *= 2;
    }
  }
}
