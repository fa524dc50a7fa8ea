import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../../main/db/openDatabase.node.ts';
import { MIGRATIONS } from '../../../main/db/migrations/index.node.ts';
import { StorageError } from '../../../main/db/storageError.node.ts';
import { tempDir } from '../../helpers/cache.ts';

describe('opening the cache', () => {
  it('creates a WAL database at the latest schema and reopens it without migrating again', () => {
    const file = path.join(tempDir(), 'c.sqlite');
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)?.version);
    db.close();
    const again = openDatabase(file);
    expect(schemaVersion(again)).toBe(MIGRATIONS.at(-1)?.version);
    again.close();
  });

  it('reports a damaged file as corrupt, in words, and leaves the file in place', () => {
    const file = path.join(tempDir(), 'c.sqlite');
    fs.writeFileSync(file, Buffer.alloc(8192, 0x41));
    let error: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).problem).toBe('corrupt');
    expect((error as StorageError).message).toMatch(/damaged/);
    expect(fs.existsSync(file)).toBe(true);
  });

  it('reports a folder it cannot write to as read-only', () => {
    const dir = tempDir();
    const file = path.join(dir, 'missing', 'c.sqlite');
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ problem: 'readonly' }));
  });

  it('reports a database held by another writer as locked instead of hanging', () => {
    const file = path.join(tempDir(), 'c.sqlite');
    openDatabase(file).close();
    const holder = new Sqlite(file);
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.exec('BEGIN EXCLUSIVE');
    const started = Date.now();
    let error: unknown;
    try {
      const db = openDatabase(file);
      // WAL may let the open itself succeed; the first write must still fail cleanly.
      db.prepare(
        "INSERT INTO accounts (id, provider, label, created_at) VALUES ('x', 'chatapp', 'x', 1)",
      ).run();
    } catch (e) {
      error = e;
    }
    holder.exec('ROLLBACK');
    holder.close();
    expect(error).toBeDefined();
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 20_000);

  it('refuses a cache written by a newer version rather than damaging it', () => {
    const file = path.join(tempDir(), 'c.sqlite');
    const raw = new Sqlite(file);
    raw.pragma('user_version = 999');
    raw.close();
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ problem: 'too_new' }));
  });
});
