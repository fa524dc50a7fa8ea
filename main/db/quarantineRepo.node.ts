import type { Database } from 'better-sqlite3';

export interface QuarantinedEvent {
  id: number;
  accountId: string | null;
  lineId: string | null;
  source: string;
  reason: string;
  raw: string;
  receivedAt: number;
  replays: number;
}

/** A quarantined item is offered again at most this often. */
export const MAX_REPLAYS = 5;

const MAX_RAW = 256 * 1024;

/** Bad provider input is kept, with why it was refused, so it can be inspected and replayed. */
export function createQuarantineRepo(db: Database) {
  const insert = db.prepare(
    'INSERT INTO quarantine (account_id, line_id, source, reason, raw, received_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const columns =
    'id, account_id AS accountId, line_id AS lineId, source, reason, raw, received_at AS receivedAt, replays';
  const list = db.prepare(
    `SELECT ${columns} FROM quarantine WHERE account_id IS ? OR ? IS NULL ORDER BY id DESC LIMIT ?`,
  );
  const replayable = db.prepare(
    `SELECT ${columns} FROM quarantine WHERE account_id = ? AND source = ? AND replays < ${MAX_REPLAYS} ORDER BY id LIMIT ?`,
  );
  const replayableBySource = db.prepare(
    `SELECT ${columns} FROM quarantine WHERE source = ? AND (account_id IS ? OR ? IS NULL) AND replays < ${MAX_REPLAYS} ORDER BY id LIMIT ?`,
  );
  const resetReplays = db.prepare('UPDATE quarantine SET replays = 0 WHERE replays > 0');
  const counted = db
    .prepare('SELECT count(*) FROM quarantine WHERE account_id IS ? OR ? IS NULL')
    .pluck();
  const bump = db.prepare('UPDATE quarantine SET replays = replays + 1, reason = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM quarantine WHERE id = ?');
  return {
    add(
      entry: { accountId?: string; lineId?: string; source: string; reason: string; raw: unknown },
      now = Date.now(),
    ): number {
      const raw = typeof entry.raw === 'string' ? entry.raw : safeJson(entry.raw);
      const clipped =
        raw.length > MAX_RAW
          ? `${raw.slice(0, MAX_RAW)}…[truncated ${raw.length - MAX_RAW} chars]`
          : raw;
      return Number(
        insert.run(
          entry.accountId ?? null,
          entry.lineId ?? null,
          entry.source,
          entry.reason,
          clipped,
          now,
        ).lastInsertRowid,
      );
    },
    list: (accountId: string | null, limit = 100): QuarantinedEvent[] =>
      list.all(accountId, accountId, limit) as QuarantinedEvent[],
    count: (accountId: string | null): number => counted.get(accountId, accountId) as number,
    /** Oldest first: the items of one source that may be offered again. */
    replayable: (accountId: string, source: string, limit = 500): QuarantinedEvent[] =>
      replayable.all(accountId, source, limit) as QuarantinedEvent[],
    /** Items of a source that may be offered again, for one account or (null) for all. */
    replayableOf: (source: string, accountId: string | null, limit = 500): QuarantinedEvent[] =>
      replayableBySource.all(source, accountId, accountId, limit) as QuarantinedEvent[],
    /** A new version may understand what the old one could not: every item gets its tries back. */
    resetReplays: () => resetReplays.run().changes,
    /** Offered again and still not understood: counted, with the newest reason. */
    replayFailed: (id: number, reason: string) => bump.run(reason, id),
    /** Offered again and applied: it leaves the quarantine. */
    applied: (id: number) => remove.run(id),
  };
}

export type QuarantineRepo = ReturnType<typeof createQuarantineRepo>;

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
