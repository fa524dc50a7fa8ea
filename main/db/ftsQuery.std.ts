import { toSearchable } from './searchText.std.ts';

/** What the tokenizer treats as word characters (unicode61: letters, numbers, private use). */
const WORD = /[\p{L}\p{N}\p{Co}]+/gu;
const MAX_TERMS = 16;

/**
 * Turns whatever a user typed into a safe FTS5 query, or null when nothing searchable is
 * left. Every term is quoted, so FTS5 operators (AND, OR, NOT, NEAR, *, ^, :, quotes,
 * parentheses) in the input are searched as words or dropped, never parsed: a ":)" once
 * crashed Signal's search. By default the last term is a prefix, so results follow typing.
 */
export function toFtsQuery(input: string, options: { prefix?: boolean } = {}): string | null {
  // Emoji and emoticons become the words the index holds for them (searchText.std.ts).
  const terms = toSearchable(input.normalize('NFKC')).match(WORD);
  if (!terms || terms.length === 0) return null;
  const quoted = terms.slice(0, MAX_TERMS).map((term) => `"${term}"`);
  if (options.prefix ?? true) quoted[quoted.length - 1] += '*';
  return quoted.join(' ');
}
