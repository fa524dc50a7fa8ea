import { describe, expect, it } from 'vitest';
import { listOf } from '../../../main/providers/multiwa/wire.node.ts';

describe('MultiWA list replies', () => {
  const rows = [{ id: 'a' }, { id: 'b' }];
  it('reads the documented envelope, the source code’s shapes and bare arrays alike', () => {
    expect(listOf(rows)).toEqual(rows);
    expect(listOf({ success: true, data: rows })).toEqual(rows);
    expect(listOf({ conversations: rows, total: 2 })).toEqual(rows);
    expect(listOf({ messages: rows, hasMore: false })).toEqual(rows);
    expect(listOf({ success: true, data: { messages: rows, hasMore: true } })).toEqual(rows);
    expect(listOf({ items: rows })).toEqual(rows);
  });
  it('says null for anything that is not a list', () => {
    expect(listOf({ success: false, message: 'nope' })).toBeNull();
    expect(listOf(null)).toBeNull();
    expect(listOf('text')).toBeNull();
  });
});
