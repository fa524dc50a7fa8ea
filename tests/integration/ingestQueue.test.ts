import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IngestQueue } from '../../main/core/ingestQueue.node.ts';
import type { StorageError } from '../../main/db/storageError.node.ts';
import type { BatchResult } from '../../main/db/ingestWriter.node.ts';
import { cacheWithLine, incoming, tempDir } from '../helpers/cache.ts';

const T0 = 1_700_000_000_000;

function queueOn(cache: ReturnType<typeof cacheWithLine>['cache'], retryDelayMs = 20) {
  const flushes: BatchResult[] = [];
  const storageErrors: StorageError[] = [];
  const queue = new IngestQueue(cache.ingest, {
    onFlushed: (r) => flushes.push(r),
    onStorageError: (e) => storageErrors.push(e),
    onRejected: () => undefined,
    onInvalid: () => undefined,
    retryDelayMs: () => retryDelayMs,
  });
  return { queue, flushes, storageErrors };
}

describe('the ingest queue', () => {
  it('writes a burst in slices of many events each, not one transaction per event', async () => {
    const { cache, lineId } = cacheWithLine();
    const { queue, flushes } = queueOn(cache);
    for (let i = 0; i < 5000; i++)
      queue.push(incoming(lineId, `c${i % 40}`, `m${i}`, T0 + i, `burst ${i}`));
    await queue.flushed();
    // Each slice holds the loop for a few milliseconds at most: at least 50 events apiece.
    expect(flushes.length).toBeGreaterThan(1);
    expect(flushes.length).toBeLessThanOrEqual(100);
    expect(cache.db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(5000);
  });

  it('stores a lone live message on the next turn of the event loop, without waiting for company', async () => {
    const { cache, lineId } = cacheWithLine();
    const { queue, flushes } = queueOn(cache);
    queue.push(incoming(lineId, 'c1', 'only', T0, 'hello'));
    expect(flushes).toHaveLength(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(flushes).toHaveLength(1);
    expect(flushes[0]?.incoming).toHaveLength(1);
  });

  it('keeps events through a full disk, says so, and stores them once there is room', async () => {
    const { cache, lineId } = cacheWithLine();
    const { queue, storageErrors } = queueOn(cache);
    const pages = cache.db.pragma('page_count', { simple: true }) as number;
    cache.db.pragma(`max_page_count = ${pages}`); // the database may not grow: a real SQLITE_FULL
    for (let i = 0; i < 300; i++)
      queue.push(incoming(lineId, 'c1', `m${i}`, T0 + i, `message ${i} `.repeat(40)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(storageErrors[0]).toMatchObject({
      problem: 'full',
      message: expect.stringMatching(/The disk holding .* is full/),
    });
    expect(queue.pending).toBe(300);
    expect(cache.db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(0);

    cache.db.pragma('max_page_count = 1073741823');
    await queue.flushed();
    expect(cache.db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(300);
  });
});

describe('the headless core on a damaged cache', () => {
  it('exits once with words a user can act on, instead of crashing in a loop', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'switchboard.sqlite'), Buffer.alloc(16384, 0x42));
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'main/headless/cli.node.ts', '--data-dir', dir, '--port', '0'],
      {
        encoding: 'utf8',
        timeout: 20_000,
      },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('is damaged. Nothing was deleted');
    expect(run.stderr).toContain('--repair-cache');
    expect(fs.statSync(path.join(dir, 'switchboard.sqlite')).size).toBe(16384);
  });

  it('explains bad arguments', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'main/headless/cli.node.ts', '--port', 'abc'],
      { encoding: 'utf8', timeout: 20_000 },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--data-dir');
  });
});
