import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toFtsQuery } from '../../../main/db/ftsQuery.std.ts';
import { cacheWithLine, incoming } from '../../helpers/cache.ts';

describe('search input sanitizing', () => {
  it('quotes every term and makes the last one a prefix', () => {
    expect(toFtsQuery('order 42')).toBe('"order" "42"*');
    expect(toFtsQuery('  Доставка  ')).toBe('"Доставка"*');
  });

  it('can match whole words only', () => {
    expect(toFtsQuery('order 42', { prefix: false })).toBe('"order" "42"');
  });

  it('leaves nothing to search for input made only of operators and punctuation', () => {
    for (const input of ['*', '"', '""', '(', ')', '-', '^', '', '   ', '!?.,;']) {
      expect(toFtsQuery(input)).toBeNull();
    }
  });

  it('searches an emoji or an emoticon as a word of its own', () => {
    for (const input of [':)', '🙂', 'thanks 🙏']) {
      const query = toFtsQuery(input)!;
      expect(query).toMatch(/^("[^"]+"\*? ?)+$/);
      expect(query).not.toMatch(/[:)🙂🙏]/u);
    }
  });

  it('searches FTS keywords as plain words', () => {
    expect(toFtsQuery('AND')).toBe('"AND"*');
    expect(toFtsQuery('cats OR dogs')).toBe('"cats" "OR" "dogs"*');
  });

  const { cache, lineId } = cacheWithLine();
  cache.ingest.applyBatch([
    incoming(lineId, 'c1', 'm1', 1_700_000_000_000, 'cats AND dogs :) "quoted" text*'),
    incoming(lineId, 'c1', 'm2', 1_700_000_001_000, 'column:value NEAR(a b) ^start'),
  ]);

  it('never throws on hostile input, straight through to SQLite', () => {
    for (const query of [
      ':)',
      '"',
      'AND',
      '*',
      'a"b',
      'NOT',
      'OR OR',
      '(((',
      'text:',
      'NEAR(a b)',
      '^start',
      "'; DROP TABLE messages; --",
      '\u0000',
    ]) {
      expect(() => cache.reader.search({ query, limit: 10 })).not.toThrow();
    }
    expect(cache.reader.search({ query: 'AND', limit: 10 }).map((h) => h.message.id)).toHaveLength(
      1,
    );
    expect(cache.reader.search({ query: 'column:value', limit: 10 })).toHaveLength(1);
  });

  it('never throws for any string at all', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60, unit: 'binary' }), (query) => {
        cache.reader.search({ query, limit: 5 });
      }),
      { numRuns: 300 },
    );
  });
});
