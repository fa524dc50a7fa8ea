import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { lineIdOf } from '../../../main/db/accountsRepo.node.ts';
import type { Cache, CacheOptions } from '../../../main/db/cache.node.ts';
import { incoming, openWithLine as openCacheWithLine, tempDir } from '../../helpers/cache.ts';

// A checkpoint copies the write-ahead log into the database file and syncs it: tens of
// milliseconds that SQLite spends inside whichever commit crosses 1000 pages. On the core's
// thread that is a stall in the middle of a burst, so the background worker does it.
const T0 = 1_700_000_000_000;
const LINE = lineIdOf('acc1', 'L');
const open: Cache[] = [];

const openWithLine = (file: string, options: CacheOptions = {}): Cache =>
  openCacheWithLine(file, open, options);

function bursts(cache: Cache, count: number): void {
  for (let from = 0; from < count; from += 2000)
    cache.ingest.applyBatch(
      Array.from({ length: 2000 }, (_, i) =>
        incoming(
          LINE,
          `chat${i % 300}`,
          `m${from + i}`,
          T0 + (from + i) * 1000,
          `order ${from + i}`,
        ),
      ),
    );
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 20) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

describe("the cache's write-ahead log", () => {
  it('is checkpointed by the worker, never inside a commit on the core thread', async () => {
    const file = path.join(tempDir(), 'c.sqlite');
    const cache = openWithLine(file);
    expect(cache.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const before = fs.statSync(file).size;
    bursts(cache, 20_000);
    // Only a checkpoint writes pages into the database file itself.
    await until(() => fs.statSync(file).size > before + 1_000_000, 'a checkpoint');
    // And the worker's other job, the index, is still done.
    await cache.search.caughtUp();
    expect(cache.reader.search({ query: 'order', limit: 5 })).toHaveLength(5);
  });

  it('is checkpointed by SQLite on this thread again when the worker dies', async () => {
    const warnings: string[] = [];
    const cache = openWithLine(path.join(tempDir(), 'c.sqlite'), {
      warn: (message) => warnings.push(message),
      spawnSearchWorker: () => new Worker('process.exit(3)', { eval: true }),
    });
    bursts(cache, 4000);
    await until(() => warnings.length > 0, 'the worker to be lost');
    expect(cache.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });

  it('is checkpointed by SQLite on this thread again when the worker cannot checkpoint', async () => {
    // A worker that indexes nothing and cannot write the cache (a read-only copy, say).
    const refusing = `
      const { parentPort } = require('node:worker_threads');
      parentPort.on('message', (m) => {
        if (m.type === 'checkpoint')
          parentPort.postMessage({ type: 'cannot-checkpoint', message: 'attempt to write a readonly database' });
      });`;
    const cache = openWithLine(path.join(tempDir(), 'c.sqlite'), {
      spawnSearchWorker: () => new Worker(refusing, { eval: true }),
    });
    bursts(cache, 4000);
    await until(
      () => cache.db.pragma('wal_autocheckpoint', { simple: true }) === 1000,
      'SQLite to checkpoint again',
    );
  });
});

const moduleUrl = (fromRoot: string) => pathToFileURL(path.resolve(fromRoot)).href;

describe('closing the cache while the worker is busy', () => {
  it('waits for the worker even when it reports in between, so a headless run ends cleanly', () => {
    // The worker finishes its step (and says so) before it reads `close`, then takes a while to
    // stop. Nothing else keeps this process alive: only the worker being waited for does.
    const worker = `
      const { parentPort } = require('node:worker_threads');
      parentPort.on('message', (m) => {
        if (m.type === 'work') setTimeout(() => parentPort.postMessage({ type: 'idle', applied: 0 }), 20);
        if (m.type === 'close') setTimeout(() => process.exit(0), 200);
      });`;
    const script = `
      import path from 'node:path';
import { pathToFileURL } from 'node:url';
      import { Worker } from 'node:worker_threads';
      import { openCache } from '${moduleUrl('main/db/cache.node.ts')}';
      import { incoming, tempDir } from '${moduleUrl('tests/helpers/cache.ts')}';
      const cache = openCache(path.join(tempDir(), 'c.sqlite'), {
        warn: (m) => console.log('warned', m),
        spawnSearchWorker: () => new Worker(${JSON.stringify(worker)}, { eval: true }),
      });
      cache.accounts.add({ id: 'a', provider: 'chatapp', label: 'S', config: {}, demo: false, createdAt: 1 });
      cache.accounts.upsertLine('a', { providerLineId: 'L', messenger: 'whatsapp' });
      cache.ingest.applyBatch(
        Array.from({ length: 600 }, (_, i) => incoming('a/L', 'c' + (i % 9), 'm' + i, 1e12 + i, 'order ' + i)),
      );
      await cache.close();
      console.log('closed');
    `;
    // A file, not -e: an eval'd module would make the eval'd worker a module too.
    const file = path.join(tempDir(), 'close.mts');
    fs.writeFileSync(file, script);
    const result = spawnSync(process.execPath, ['--import', 'tsx', file], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toContain('warned');
    expect(result.stdout).toContain('closed');
    expect(result.status).toBe(0);
  });
});
