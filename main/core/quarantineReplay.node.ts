import type { Cache } from '../db/cache.node.ts';
import type { CacheEvent } from '../db/ingestWriter.node.ts';
import { eventProblem } from '../../shared/model/eventSchema.std.ts';

/**
 * Events the core itself refused (out of range, malformed) are offered again: after an
 * upgrade the rules may accept them. One that passes is applied; one that fails counts a try.
 */
export function replayCoreEvents(
  cache: Cache,
  push: (event: CacheEvent) => void,
  accountId: string | null,
): { applied: number; kept: number } {
  const outcome = { applied: 0, kept: 0 };
  for (const item of cache.quarantine.replayableOf('core', accountId)) {
    let event: unknown;
    try {
      event = JSON.parse(item.raw);
    } catch {
      event = undefined;
    }
    const problem = event === undefined ? 'the stored event is not JSON' : eventProblem(event);
    const line = (event as { line?: unknown } | undefined)?.line;
    if (problem === undefined && typeof line === 'string' && cache.accounts.line(line)) {
      push(event as CacheEvent);
      cache.quarantine.applied(item.id);
      outcome.applied += 1;
    } else {
      cache.quarantine.replayFailed(item.id, problem ? `not stored: ${problem}` : item.reason);
      outcome.kept += 1;
    }
  }
  return outcome;
}
