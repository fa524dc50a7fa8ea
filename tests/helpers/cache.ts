import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCache, type Cache, type CacheOptions } from '../../main/db/cache.node.ts';
import { lineIdOf } from '../../main/db/accountsRepo.node.ts';
import type { CacheEvent } from '../../main/db/ingestWriter.node.ts';
import type { NormalizedMessage } from '../../shared/model/events.std.ts';

export function tempDir(prefix = 'switchboard-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Account `acc1` with one WhatsApp line, unless the cache has it already. */
function addShop(cache: Cache, providerLineId: string): void {
  if (cache.accounts.get('acc1')) return;
  cache.accounts.add({
    id: 'acc1',
    provider: 'chatapp',
    label: 'Shop',
    config: {},
    demo: false,
    createdAt: 1,
  });
  cache.accounts.upsertLine('acc1', { providerLineId, messenger: 'whatsapp' });
}

/** A cache on disk with one account and one WhatsApp line. */
export function cacheWithLine(): { cache: Cache; lineId: string; dir: string } {
  const dir = tempDir();
  const cache = openCache(path.join(dir, 'test.sqlite'));
  addShop(cache, '1229:grWhatsApp');
  return { cache, lineId: lineIdOf('acc1', '1229:grWhatsApp'), dir };
}

/**
 * Opens the cache in `file` with account `acc1` and its WhatsApp line `L` (added once, so a
 * reopened file keeps them); `open` collects it for closing after the test.
 */
export function openWithLine(file: string, open: Cache[], options: CacheOptions = {}): Cache {
  const cache = openCache(file, { warn: () => {}, ...options });
  open.push(cache);
  addShop(cache, 'L');
  return cache;
}

export function incoming(
  lineId: string,
  chatId: string,
  providerId: string,
  time: number,
  text: string,
  extra: Partial<NormalizedMessage> = {},
): Extract<CacheEvent, { kind: 'message' }> {
  return {
    kind: 'message',
    line: lineId,
    chat: { id: chatId, title: `Chat ${chatId}` },
    message: {
      ids: { provider: providerId },
      direction: 'in',
      origin: 'contact',
      type: 'text',
      text,
      time,
      ...extra,
    },
  };
}
