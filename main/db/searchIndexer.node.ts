import type { Database } from 'better-sqlite3';
import { toSearchable } from './searchText.std.ts';

/** Messages indexed per transaction while rebuilding, and backlog ids per catch-up step. */
const REBUILD_CHUNK = 10_000;
const STEP_IDS = 20_000;
const STEP_ROWS = 64;

interface State {
  token: string | null;
  applied: number;
  rebuild_below: number | null;
}

export interface SearchIndexer {
  /** Does one unit of work (a rebuild chunk or a catch-up step); false once nothing is left. */
  step(): boolean;
  /** The last backlog row indexed. */
  applied(): number;
  /** Whether a rebuild is due or under way, and the backlog rows and message ids waiting (counted no further than `rows` rows). */
  status(rows: number): { rebuilding: boolean; rows: number; ids: number };
}

/**
 * Brings the search index (`search`, its own file) up to date with the cache (`cache`,
 * read only here): first a rebuild when the index belongs to no or another cache, then the
 * backlog the ingest writer leaves behind. Every step is one transaction on the index that
 * also records how far it got, so it can stop anywhere and resume, on any thread.
 */
export function createSearchIndexer(cache: Database, search: Database): SearchIndexer {
  const tokenOf = cache.prepare('SELECT token FROM search_identity').pluck();
  const lastSeq = cache
    .prepare("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'search_backlog'), 0)")
    .pluck();
  const backlog = cache.prepare(
    'SELECT seq, ids FROM search_backlog WHERE seq > ? ORDER BY seq LIMIT ?',
  );
  const waiting = cache.prepare(`
    SELECT count(*) AS rows, coalesce(sum(json_array_length(ids)), 0) AS ids
    FROM (SELECT ids FROM search_backlog WHERE seq > ? ORDER BY seq LIMIT ?)`);
  const current = cache.prepare(
    'SELECT id, text, deleted FROM messages WHERE id IN (SELECT value FROM json_each(?))',
  );
  const olderThan = cache.prepare(
    'SELECT id, text FROM messages WHERE id < ? AND text IS NOT NULL AND deleted = 0 ORDER BY id DESC LIMIT ?',
  );

  const getState = search.prepare('SELECT token, applied, rebuild_below FROM state WHERE id = 1');
  const setState = search.prepare(
    'UPDATE state SET token = @token, applied = @applied, rebuild_below = @rebuild_below WHERE id = 1',
  );
  const upsert = search.prepare('INSERT OR REPLACE INTO messages_fts (rowid, text) VALUES (?, ?)');
  const remove = search.prepare('DELETE FROM messages_fts WHERE rowid = ?');
  const clear = search.prepare('DELETE FROM messages_fts');

  const state = () => getState.get() as State;
  // Named once by migration 0004 and never changed: read once, not on every live message.
  const cacheToken = tokenOf.get() as string;

  /** Starts over for this cache. Its backlog so far is covered by the messages as they are now. */
  const startRebuild = search.transaction(() => {
    clear.run();
    setState.run({
      token: cacheToken,
      applied: lastSeq.get(),
      rebuild_below: Number.MAX_SAFE_INTEGER,
    });
  });

  const rebuildChunk = search.transaction((s: State) => {
    const rows = olderThan.all(s.rebuild_below, REBUILD_CHUNK) as { id: number; text: string }[];
    for (const row of rows) upsert.run(row.id, toSearchable(row.text));
    setState.run({ ...s, rebuild_below: rows.length < REBUILD_CHUNK ? null : rows.at(-1)!.id });
  });

  const catchUp = (s: State): boolean => {
    const rows = backlog.all(s.applied, STEP_ROWS) as { seq: number; ids: string }[];
    if (rows.length === 0) return false;
    const ids = new Set<number>();
    let upTo = s.applied;
    for (const row of rows) {
      if (ids.size >= STEP_IDS) break;
      for (const id of JSON.parse(row.ids) as number[]) ids.add(id);
      upTo = row.seq;
    }
    const found = new Map(
      (
        current.all(JSON.stringify([...ids])) as {
          id: number;
          text: string | null;
          deleted: number;
        }[]
      ).map((r) => [r.id, r]),
    );
    search.transaction(() => {
      for (const id of ids) {
        const row = found.get(id);
        if (row?.text && !row.deleted) upsert.run(id, toSearchable(row.text));
        else remove.run(id);
      }
      setState.run({ ...s, applied: upTo });
    })();
    return upTo < rows.at(-1)!.seq || rows.length === STEP_ROWS;
  };

  return {
    step() {
      const s = state();
      if (s.token !== cacheToken) {
        startRebuild();
        return true;
      }
      if (s.rebuild_below !== null) {
        rebuildChunk(s);
        return true;
      }
      return catchUp(s);
    },
    applied: () => state().applied,
    status(rows) {
      const s = state();
      const counted = waiting.get(s.applied, rows) as { rows: number; ids: number };
      return { rebuilding: s.token !== cacheToken || s.rebuild_below !== null, ...counted };
    },
  };
}
