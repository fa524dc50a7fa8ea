import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Sqlite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { lineIdOf } from '../../../main/db/accountsRepo.node.ts';
import type { Cache, CacheOptions } from '../../../main/db/cache.node.ts';
import { MIGRATIONS } from '../../../main/db/migrations/index.node.ts';
import { openDatabase } from '../../../main/db/openDatabase.node.ts';
import { searchFileOf } from '../../../main/db/searchFile.node.ts';
import { incoming, openWithLine as openCacheWithLine, tempDir } from '../../helpers/cache.ts';

const T0 = 1_700_000_000_000;
const LINE = lineIdOf('acc1', 'L');
const open: Cache[] = [];

const openWithLine = (file: string, options: CacheOptions = {}): Cache =>
  openCacheWithLine(file, open, options);

/** `count` messages in one batch, as a history page or a reconnect delivers them; the first says "первый", the last "zuletzt". */
function burst(cache: Cache, count: number, from = 0): void {
  cache.ingest.applyBatch(
    Array.from({ length: count }, (_, i) =>
      incoming(
        LINE,
        `chat${i % 40}`,
        `m${from + i}`,
        T0 + (from + i) * 1000,
        i === 0 ? 'первый заказ' : i === count - 1 ? 'zuletzt bestellt' : `order ${from + i}`,
      ),
    ),
  );
}

const found = (cache: Cache, query: string) =>
  cache.reader.search({ query, limit: 50 }).map((h) => h.message.text);

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

describe('search index in its own file', () => {
  it('finds a live message as soon as it is written', () => {
    const cache = openWithLine(path.join(tempDir(), 'c.sqlite'));
    cache.ingest.applyBatch([incoming(LINE, 'c1', 'w1', T0, 'Meet at Café Noir')]);
    expect(cache.search.indexing()).toBe(false);
    expect(found(cache, 'cafe')).toEqual(['Meet at Café Noir']);
  });

  it('indexes a burst on the worker while the writer goes on, and is complete once caught up', async () => {
    const cache = openWithLine(path.join(tempDir(), 'c.sqlite'));
    burst(cache, 3000);
    // The batch is committed and listed before it is searchable: the index is another thread's job.
    expect(cache.reader.listConversations({ limit: 100 }).items).toHaveLength(40);
    expect(cache.search.indexing()).toBe(true);
    await cache.search.caughtUp();
    expect(cache.search.indexing()).toBe(false);
    expect(found(cache, 'первый')).toEqual(['первый заказ']);
    expect(found(cache, 'zuletzt')).toEqual(['zuletzt bestellt']);
    expect(cache.reader.search({ query: 'order', limit: 5000 })).toHaveLength(2998);
    // Applied rows leave the cache's backlog.
    expect(cache.db.prepare('SELECT count(*) FROM search_backlog').pluck().get()).toBe(0);
  });

  it('follows edits, deletions for everyone and removed accounts', async () => {
    const file = path.join(tempDir(), 'c.sqlite');
    const cache = openWithLine(file);
    cache.ingest.applyBatch([
      incoming(LINE, 'c1', 'w1', T0, 'the price is 10'),
      incoming(LINE, 'c1', 'w2', T0 + 1, 'secret plan'),
    ]);
    cache.ingest.applyBatch([
      { kind: 'edited', line: LINE, ref: { provider: 'w1' }, text: 'the cost is 12' },
      { kind: 'deleted', line: LINE, ref: { provider: 'w2' } },
    ]);
    expect(found(cache, 'price')).toEqual([]);
    expect(found(cache, 'cost')).toEqual(['the cost is 12']);
    expect(found(cache, 'secret')).toEqual([]);

    burst(cache, 1000, 10);
    await cache.search.caughtUp();
    cache.accounts.remove('acc1');
    await cache.search.caughtUp();
    expect(found(cache, 'cost')).toEqual([]);
    expect(found(cache, 'order')).toEqual([]);
    // Gone from the index file itself, not only hidden by the join to messages.
    const index = new Sqlite(searchFileOf(file), { readonly: true });
    expect(index.prepare('SELECT count(*) FROM messages_fts').pluck().get()).toBe(0);
    index.close();
  });

  it('indexes the messages of a cache written before the index had its own file', async () => {
    const file = path.join(tempDir(), 'c.sqlite');
    const old = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 3) });
    old.exec(`
      INSERT INTO accounts (id, provider, label, created_at) VALUES ('acc1', 'chatapp', 'Shop', 1);
      INSERT INTO lines (id, account_id, provider_line_id, messenger) VALUES ('${LINE}', 'acc1', 'L', 'whatsapp');
      INSERT INTO conversations (line_id, provider_chat_id, activity_key) VALUES ('${LINE}', 'c', 0);`);
    const insert = old.prepare(
      "INSERT INTO messages (id, conversation_id, direction, origin, type, text, time) VALUES (?, 1, 'in', 'contact', 'text', ?, ?)",
    );
    old.transaction(() => {
      for (let i = 1; i <= 12_000; i++)
        insert.run(i * 1000, i === 1 ? 'oldest invoice' : `note ${i}`, i);
    })();
    old.close();

    const cache = openWithLine(file);
    await cache.search.caughtUp();
    expect(found(cache, 'invoice')).toEqual(['oldest invoice']);
    expect(cache.reader.search({ query: 'note', limit: 20_000 })).toHaveLength(11_999);
  });

  it('picks up where it stopped when closed in the middle of a burst', async () => {
    const file = path.join(tempDir(), 'c.sqlite');
    const first = openWithLine(file);
    burst(first, 6000);
    burst(first, 6000, 6000);
    await first.close();

    const again = openWithLine(file);
    await again.search.caughtUp();
    expect(again.reader.search({ query: 'zuletzt', limit: 50 })).toHaveLength(2);
    expect(again.reader.search({ query: 'order', limit: 20_000 })).toHaveLength(11_996);
  });

  it('replaces a damaged index file and one that belongs to another cache', async () => {
    const dir = tempDir();
    const mine = path.join(dir, 'mine.sqlite');
    const other = path.join(dir, 'other.sqlite');
    const a = openWithLine(mine);
    a.ingest.applyBatch([incoming(LINE, 'c1', 'w1', T0, 'mine only')]);
    const b = openWithLine(other);
    b.ingest.applyBatch([incoming(LINE, 'c1', 'w1', T0, 'other only')]);
    await Promise.all([a.close(), b.close()]);

    fs.copyFileSync(searchFileOf(other), searchFileOf(mine));
    const copied = openWithLine(mine);
    expect(found(copied, 'only')).toEqual(['mine only']);
    await copied.close();

    fs.writeFileSync(searchFileOf(mine), 'this is not a database, it only looks like one');
    const damaged = openWithLine(mine);
    expect(found(damaged, 'only')).toEqual(['mine only']);
  });

  it('says it is still indexing while a worker has not answered, and a bounded wait gives up', async () => {
    const cache = openWithLine(path.join(tempDir(), 'c.sqlite'), {
      spawnSearchWorker: () => new Worker('setInterval(() => {}, 1000)', { eval: true }),
    });
    burst(cache, 3000);
    await cache.search.caughtUp(50);
    expect(cache.search.indexing()).toBe(true);
    expect(found(cache, 'zuletzt')).toEqual([]);
  });

  it('indexes on this thread when the worker dies, losing nothing', async () => {
    const warnings: string[] = [];
    const cache = openWithLine(path.join(tempDir(), 'c.sqlite'), {
      warn: (message) => warnings.push(message),
      spawnSearchWorker: () => new Worker('process.exit(3)', { eval: true }),
    });
    burst(cache, 3000);
    await cache.search.caughtUp();
    expect(warnings.join('\n')).toMatch(/search worker failed/);
    expect(found(cache, 'zuletzt')).toEqual(['zuletzt bestellt']);
    expect(cache.reader.search({ query: 'order', limit: 5000 })).toHaveLength(2998);
  });
});
