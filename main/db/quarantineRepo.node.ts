import type { Database } from 'better-sqlite3';

export interface QuarantinedEvent {
  id: number;
  accountId: string | null;
  lineId: string | null;
  source: string;
  reason: string;
  raw: string;
  receivedAt: number;
}

const MAX_RAW = 256 * 1024;

/** Bad provider input is kept, with why it was refused, so it can be inspected and replayed. */
export function createQuarantineRepo(db: Database) {
  const insert = db.prepare(
    'INSERT INTO quarantine (account_id, line_id, source, reason, raw, received_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const list = db.prepare(`
    SELECT id, account_id AS accountId, line_id AS lineId, source, reason, raw, received_at AS receivedAt
    FROM quarantine WHERE account_id IS ? OR ? IS NULL ORDER BY id DESC LIMIT ?`);
  return {
    add(entry: { accountId?: string; lineId?: string; source: string; reason: string; raw: unknown }, now = Date.now()): number {
      const raw = typeof entry.raw === 'string' ? entry.raw : safeJson(entry.raw);
      const clipped = raw.length > MAX_RAW ? `${raw.slice(0, MAX_RAW)}…[truncated ${raw.length - MAX_RAW} chars]` : raw;
      return Number(
        insert.run(entry.accountId ?? null, entry.lineId ?? null, entry.source, entry.reason, clipped, now).lastInsertRowid,
      );
    },
    list: (accountId: string | null, limit = 100): QuarantinedEvent[] =>
      list.all(accountId, accountId, limit) as QuarantinedEvent[],
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
