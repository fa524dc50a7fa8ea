import fs from 'node:fs';
import type { Database } from 'better-sqlite3';
import { openDatabase } from './openDatabase.node.ts';

export interface RebuildReport {
  /** Where the damaged file was kept, untouched. */
  damagedFile: string;
  /** Rows copied per table. */
  copied: Record<string, number>;
  /** Tables where some rows could not be read. */
  incomplete: string[];
}

/** Rebuilt from elsewhere: the search index (its own file) and its bookkeeping. */
const SKIP = new Set(['sqlite_sequence', 'search_backlog', 'search_identity']);
const CHUNK = 500;

/**
 * Moves a damaged cache aside (kept as it is, beside the new one) and builds a new cache
 * from every row that can still be read: each table is read forwards until the damage and
 * backwards until the damage; messages between are looked up one by one through their
 * aliases, which live in another part of the file. What is lost can come back from the
 * providers' history; the search index rebuilds itself from the new file.
 */
export function rebuildCache(file: string, now = Date.now()): RebuildReport {
  const damagedFile = `${file}.damaged-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, damagedFile + suffix);
  }
  const db = openDatabase(file);
  const report: RebuildReport = { damagedFile, copied: {}, incomplete: [] };
  try {
    db.pragma('foreign_keys = OFF');
    try {
      db.prepare('ATTACH DATABASE ? AS old').run(damagedFile);
      db.prepare('SELECT count(*) FROM old.sqlite_master').get();
    } catch {
      // Not readable as a database at all: the new cache starts empty, the old file stays.
      report.incomplete.push('*');
      return report;
    }
    const tables = db
      .prepare("SELECT name, sql FROM main.sqlite_master WHERE type = 'table'")
      .all() as { name: string; sql: string }[];
    for (const { name, sql } of tables) {
      if (SKIP.has(name) || name.startsWith('sqlite_')) continue;
      const copy = copyTable(db, name, /WITHOUT ROWID/i.test(sql));
      report.copied[name] = copy.rows;
      if (!copy.complete) report.incomplete.push(name);
    }
    if (report.incomplete.includes('messages')) report.copied.messages! += copyMessagesByAlias(db);
    repairReferences(db);
  } finally {
    try {
      db.exec('DETACH DATABASE old');
    } catch {
      // attach may have failed: the file is unreadable as a whole
    }
    db.pragma('foreign_keys = ON');
    db.close();
  }
  return report;
}

function columnsOf(db: Database, schema: string, table: string): string[] {
  try {
    return (
      db.prepare(`SELECT name FROM ${schema}.pragma_table_info(?)`).all(table) as { name: string }[]
    ).map((c) => c.name);
  } catch {
    return [];
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function copyTable(
  db: Database,
  table: string,
  withoutRowid: boolean,
): { rows: number; complete: boolean } {
  const oldColumns = new Set(columnsOf(db, 'old', table));
  const columns = columnsOf(db, 'main', table).filter((c) => oldColumns.has(c));
  if (columns.length === 0) return { rows: 0, complete: oldColumns.size === 0 };
  const list = columns.map(quote).join(', ');
  const insert = db.prepare(
    `INSERT OR IGNORE INTO main.${quote(table)} (${list}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  let rows = 0;
  const put = (values: unknown[]) => (rows += insert.run(...values).changes);
  if (withoutRowid) {
    // No rowid to page by: take what a full scan yields before the damage.
    try {
      for (const row of db
        .prepare(`SELECT ${list} FROM old.${quote(table)}`)
        .raw()
        .iterate())
        put(row as unknown[]);
      return { rows, complete: true };
    } catch {
      return { rows, complete: false };
    }
  }
  const forward = db
    .prepare(
      `SELECT rowid, ${list} FROM old.${quote(table)} WHERE rowid > ? ORDER BY rowid LIMIT ${CHUNK}`,
    )
    .raw();
  const backward = db
    .prepare(
      `SELECT rowid, ${list} FROM old.${quote(table)} WHERE rowid < ? ORDER BY rowid DESC LIMIT ${CHUNK}`,
    )
    .raw();
  /**
   * Reads chunk after chunk from `from`, row by row, so what was read before the damage is
   * kept; returns whether it reached the end, and the last rowid it read.
   */
  const scan = (
    statement: typeof forward,
    from: number,
    stop: (rowid: number) => boolean,
  ): { done: boolean; last: number } => {
    let last = from;
    for (;;) {
      const chunk: unknown[][] = [];
      let failed = false;
      try {
        for (const row of statement.iterate(last) as IterableIterator<unknown[]>) {
          if (stop(row[0] as number)) break;
          chunk.push(row);
        }
      } catch {
        failed = true;
      }
      db.transaction(() => chunk.forEach((row) => put(row.slice(1))))();
      if (chunk.length) last = chunk.at(-1)![0] as number;
      if (failed) return { done: false, last };
      if (chunk.length < CHUNK) return { done: true, last };
    }
  };
  const ahead = scan(forward, Number.MIN_SAFE_INTEGER, () => false);
  if (ahead.done) return { rows, complete: true };
  scan(backward, Number.MAX_SAFE_INTEGER, (rowid) => rowid <= ahead.last);
  return { rows, complete: false };
}

/** Messages between the two damaged ends, found one by one through the ids their aliases name. */
function copyMessagesByAlias(db: Database): number {
  let ids: number[];
  try {
    ids = db
      .prepare(
        'SELECT DISTINCT message_id FROM old.message_aliases WHERE message_id NOT IN (SELECT id FROM main.messages)',
      )
      .pluck()
      .all() as number[];
  } catch {
    return 0;
  }
  const columns = columnsOf(db, 'main', 'messages').filter((c) =>
    columnsOf(db, 'old', 'messages').includes(c),
  );
  const list = columns.map(quote).join(', ');
  const read = db.prepare(`SELECT ${list} FROM old.messages WHERE rowid = ?`).raw();
  const insert = db.prepare(
    `INSERT OR IGNORE INTO main.messages (${list}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  let rows = 0;
  for (const id of ids) {
    try {
      const row = read.get(id) as unknown[] | undefined;
      if (row) rows += insert.run(...row).changes;
    } catch {
      // this one sat on a damaged page
    }
  }
  return rows;
}

/** Rows whose parent was lost go; conversations point at a newest message that exists. */
function repairReferences(db: Database): void {
  const broken = db.pragma('main.foreign_key_check') as { table: string; rowid: number | null }[];
  for (const { table, rowid } of broken) {
    if (rowid !== null) db.prepare(`DELETE FROM main.${quote(table)} WHERE rowid = ?`).run(rowid);
  }
  db.exec(`
    DELETE FROM main.message_aliases WHERE message_id NOT IN (SELECT id FROM main.messages);
    DELETE FROM main.workspace WHERE account_id NOT IN (SELECT id FROM main.accounts);
    UPDATE main.conversations SET last_message_id = (SELECT max(id) FROM main.messages m WHERE m.conversation_id = conversations.id)
      WHERE last_message_id IS NOT NULL AND last_message_id NOT IN (SELECT id FROM main.messages);
    UPDATE main.conversations SET unread_count = min(unread_count, (SELECT count(*) FROM main.messages m WHERE m.conversation_id = conversations.id));
  `);
}
