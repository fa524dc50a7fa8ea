import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Core } from '../main/core/core.node.ts';
import { MemorySettingsStore } from '../main/core/settingsStore.node.ts';
import { lineIdOf } from '../main/db/accountsRepo.node.ts';
import type { CacheEvent } from '../main/db/ingestWriter.node.ts';
import { createCorpus } from './corpus.node.ts';
const N = Number(process.env.N ?? 200_000);
const corpus = createCorpus(7, 2000);
const events: CacheEvent[] = Array.from({ length: N }, (_, i) => {
  const m = corpus.message(i, 1_700_000_000_000 + i * 1000);
  return { kind: 'message', line: lineIdOf(`acc${m.conversation % 20}`, 'L'), chat: { id: `c${m.conversation}`, title: `Customer ${m.conversation}` },
    message: { ids: { provider: m.providerId }, direction: m.direction, origin: 'contact', type: 'text', text: m.text, time: m.time, ...(m.direction === 'out' ? { status: { tick: 'read' as const } } : {}) } };
});
for (const mode of (process.env.MODES ?? 'direct,raw').split(',')) {
  const core = Core.open({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'exp-')), settings: new MemorySettingsStore() });
  for (let a = 0; a < 20; a++) { core.cache.accounts.add({ id: `acc${a}`, provider: 'chatapp', label: 'x', config: {}, demo: false, createdAt: 1 }); core.cache.accounts.upsertLine(`acc${a}`, { providerLineId: 'L', messenger: 'whatsapp' }); }
  const t = performance.now();
  if (mode === 'raw') {
    const db = core.cache.db;
    const conv = db.prepare("INSERT OR IGNORE INTO conversations (line_id, provider_chat_id, activity_key) VALUES (?, ?, 0)");
    const convId = db.prepare('SELECT id FROM conversations WHERE line_id = ? AND provider_chat_id = ?').pluck();
    const ids = new Map<string, number>();
    const ins = db.prepare("INSERT INTO messages (id, conversation_id, direction, origin, type, text, time, status) VALUES (?, ?, ?, ?, 'text', ?, ?, ?)");
    const fts = db.prepare('INSERT INTO messages_fts (rowid, text) VALUES (?, ?)');
    const al = db.prepare('INSERT INTO message_aliases (line_id, alias, message_id) VALUES (?, ?, ?)');
    const tx = db.transaction((batch: CacheEvent[]) => {
      for (const e of batch) {
        if (e.kind !== 'message') continue;
        const key = e.line + e.chat.id;
        let c = ids.get(key);
        if (c === undefined) { conv.run(e.line, e.chat.id); c = convId.get(e.line, e.chat.id) as number; ids.set(key, c); }
        const id = e.message.time * 1000;
        ins.run(id, c, e.message.direction, e.message.origin, e.message.text, e.message.time, e.message.status ? JSON.stringify(e.message.status) : null);
        fts.run(id, e.message.text);
        al.run(e.line, 'p:' + e.message.ids.provider, id);
      }
    });
    for (let i = 0; i < N; i += 2000) tx(events.slice(i, i + 2000));
  } else if (mode === 'direct') for (let i = 0; i < N; i += 2000) core.cache.ingest.applyBatch(events.slice(i, i + 2000));
  else { for (const e of events) core.ingest(e); await core.queue.flushed(); }
  console.log(mode, Math.round(N / (performance.now() - t) * 1000), 'msg/s');
  await core.close();
}
