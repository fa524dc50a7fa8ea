/**
 * The longest the core holds the event loop while a 100,000-event burst is written, and how
 * long one live message takes to land meanwhile: the window, the tray and every reply wait
 * on that loop. Beside them, the physical limit in the same run: raw better-sqlite3 writing
 * one message in its own transaction (the smallest unit of work there is).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Sqlite from 'better-sqlite3';
import { Core } from '../main/core/core.node.ts';
import { MemorySettingsStore } from '../main/core/settingsStore.node.ts';
import { openDatabase } from '../main/db/openDatabase.node.ts';

export async function measureEventLoop(
  burst = 100_000,
): Promise<{ longestBlockMs: number; liveMs: number; rawOneMs: number; slices: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-loop-'));
  const core = Core.open({ dataDir: dir, settings: new MemorySettingsStore() });
  core.cache.accounts.add({
    id: 'a',
    provider: 'chatapp',
    label: 'Bench',
    config: {},
    demo: false,
    createdAt: 1,
  });
  core.cache.accounts.upsertLine('a', { providerLineId: 'wa', messenger: 'whatsapp' } as Parameters<
    typeof core.cache.accounts.upsertLine
  >[1]);
  const at = Date.UTC(2026, 0, 1);
  const event = (i: number, text: string) => ({
    kind: 'message' as const,
    line: 'a/wa',
    chat: { id: `c${i % 1000}` },
    message: {
      ids: { provider: `m${i}` },
      direction: 'in' as const,
      origin: 'contact' as const,
      type: 'text' as const,
      text,
      time: at + i,
    },
  });

  let longest = 0;
  let slices = 0;
  let last = performance.now();
  let running = true;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    slices += 1;
    if (running) setImmediate(tick);
  };
  let liveMs = Number.NaN;
  const off = core.on((name, payload) => {
    if (name !== 'messages.upserted') return;
    const found = (payload as { messages: { text?: string }[] }).messages.some(
      (m) => m.text === 'the live one',
    );
    if (found && Number.isNaN(liveMs)) liveMs = performance.now() - liveAt;
  });
  for (let i = 0; i < burst; i += 1)
    core.ingest(event(i, `burst message ${i} with some words in it`));
  last = performance.now();
  setImmediate(tick);
  // A customer writes while the burst is being written.
  await new Promise((r) => setTimeout(r, 20));
  const liveAt = performance.now();
  core.ingest(event(burst + 1, 'the live one'));
  const guard = setInterval(() => undefined, 1000);
  const finished = await Promise.race([
    core.queue.flushed().then(() => true),
    new Promise<false>((r) => setTimeout(() => r(false), 120_000).unref()),
  ]);
  clearInterval(guard);
  // Measured up to here: closing the core afterwards (optimize, the last checkpoint) is quitting, not a burst.
  running = false;
  const measured = { longestBlockMs: longest, slices };
  if (!finished)
    throw new Error(
      `the burst was not written within two minutes: ${core.queue.pending} events still queued`,
    );
  off();
  await core.close();

  const raw = openDatabase(path.join(dir, 'raw.sqlite')) as Sqlite.Database;
  raw.exec('CREATE TABLE m (id INTEGER PRIMARY KEY, chat TEXT, text TEXT, time INTEGER)');
  const insert = raw.prepare('INSERT INTO m (chat, text, time) VALUES (?, ?, ?)');
  const one = raw.transaction((i: number) => insert.run(`c${i}`, 'the live one', at + i));
  const times: number[] = [];
  for (let i = 0; i < 200; i += 1) {
    const started = performance.now();
    one(i);
    times.push(performance.now() - started);
  }
  raw.close();
  times.sort((a, b) => a - b);
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    ...measured,
    liveMs,
    rawOneMs: times[Math.floor(times.length / 2)]!,
  };
}
