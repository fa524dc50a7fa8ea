import { afterEach, describe, expect, it } from 'vitest';
import type { Cache } from '../../../main/db/cache.node.ts';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../../shared/model/entities.std.ts';
import { cacheWithLine, incoming } from '../../helpers/cache.ts';

const T0 = 1_700_000_000_000;
const open: Cache[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

function cacheWith(...texts: string[]) {
  const { cache, lineId } = cacheWithLine();
  open.push(cache);
  cache.ingest.applyBatch(texts.map((text, i) => incoming(lineId, 'c1', `m${i}`, T0 + i, text)));
  return cache;
}
const found = (cache: Cache, query: string) =>
  cache.reader.search({ query, limit: 50 }).map((h) => h.message.text);

describe('emoji and emoticons are searchable', () => {
  it('finds 🙏 and :) in a message that holds both, and only there', () => {
    const cache = cacheWith('Thanks a lot🙏 see you :)', 'Thanks, bye', 'Sad news :(');
    expect(found(cache, '🙏')).toEqual(['Thanks a lot🙏 see you :)']);
    expect(found(cache, ':)')).toEqual(['Thanks a lot🙏 see you :)']);
    expect(found(cache, ':(')).toEqual(['Sad news :(']);
    expect(found(cache, 'thanks')).toHaveLength(2);
    expect(found(cache, 'lot')).toEqual(['Thanks a lot🙏 see you :)']);
  });

  it('tells emoji apart, and a heart with or without its emoji selector is the same heart', () => {
    const cache = cacheWith('😂😂 so funny', 'love it ❤️', 'plain ❤ heart', 'family 👨‍👩‍👧 photo');
    expect(found(cache, '😂')).toEqual(['😂😂 so funny']);
    expect(found(cache, '😢')).toEqual([]);
    expect(found(cache, '❤️').sort()).toEqual(['love it ❤️', 'plain ❤ heart']);
    expect(found(cache, '❤').sort()).toEqual(['love it ❤️', 'plain ❤ heart']);
    expect(found(cache, '👨‍👩‍👧')).toEqual(['family 👨‍👩‍👧 photo']);
  });

  it('marks the emoji in the snippet and shows it as it was written', () => {
    const cache = cacheWith('Order shipped 📦 thanks ❤️');
    const [hit] = cache.reader.search({ query: '📦', limit: 5 });
    expect(hit!.snippet).toBe(`Order shipped ${HIGHLIGHT_START}📦${HIGHLIGHT_END} thanks ❤️`);
    const [heart] = cache.reader.search({ query: '❤', limit: 5 });
    expect(heart!.snippet).toBe(`Order shipped 📦 thanks ${HIGHLIGHT_START}❤️${HIGHLIGHT_END}`);
  });
});
