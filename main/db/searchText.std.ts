/**
 * Emoji and emoticons as search words. FTS5's unicode61 tokenizer keeps only letters,
 * numbers and private-use characters in words, so "🙏" and ":)" vanished from the index and
 * could never be found. Before indexing (and in every query) each emoji, and each emoticon
 * standing on its own, becomes one word of private-use characters between invisible
 * separators; snippets are turned back before anyone sees them.
 *
 * The mapping is one code point to one: the Basic Multilingual Plane goes to plane 16's
 * private use area, plane 1 (most emoji) to plane 15's. The emoji presentation selector
 * (U+FE0F) is left out, so "❤" and "❤️" are the same word; it is put back where an emoji
 * needs it to show as a picture. Tag characters (the flags of England, Scotland, Wales) are
 * left out too: those flags are found as the black flag they are built on. A U+2063 of the
 * original text is lost from snippets.
 */

const SEPARATOR = '\u2063'; // INVISIBLE SEPARATOR: not a word character for unicode61.
const PLANE16 = 0x100000;
const PLANE15 = 0xf0000;
const VS16 = 0xfe0f;
const KEYCAP = 0x20e3;
const ZWJ = 0x200d;

const EMOJI_CHAR = /[\p{Extended_Pictographic}\p{Regional_Indicator}\u20e3]/u;
// On its own (between spaces or punctuation), so "10:30" or "a;b" stay as they are.
const EMOTICON = /(?<=^|[\s(])(?::'\(|[:;=]-?[()DPpOo|/\\*[\]]|<\/?3|\^_?\^)(?=$|[\s).,!?])/g;
const MAYBE_EMOTICON = /[:;=<^]/;
// A snippet may mark (or cut) a word inside its separators: runs are found on their own.
const ENCODED = /[\u{f0000}-\u{10fffd}]+/gu;
const PICTURE = /\p{Emoji_Presentation}/u;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
const SKIN_TONE = /[\u{1f3fb}-\u{1f3ff}]/u;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function encodeRun(text: string): string {
  let out = '';
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (cp === VS16 || (cp >= 0xe0000 && cp <= 0xe007f)) continue;
    if (cp < 0x10000) out += String.fromCodePoint(PLANE16 + cp);
    else if (cp < 0x20000) out += String.fromCodePoint(PLANE15 + cp - 0x10000);
  }
  return out ? `${SEPARATOR}${out}${SEPARATOR}` : '';
}

/** The text as the index stores and the query matches it: emoji and emoticons as words. */
export function toSearchable(text: string): string {
  let out = text;
  if (MAYBE_EMOTICON.test(out)) out = out.replace(EMOTICON, (emoticon) => encodeRun(emoticon));
  if (!EMOJI_CHAR.test(out)) return out;
  let result = '';
  for (const { segment } of segmenter.segment(out))
    result += EMOJI_CHAR.test(segment) ? encodeRun(segment) : segment;
  return result;
}

/** A snippet of searchable text back as it was written (emoji and emoticons restored). */
export function fromSearchable(text: string): string {
  if (!text.includes(SEPARATOR)) return text;
  return text
    .replace(ENCODED, (run) => {
      const cps = [...run].map((ch) => {
        const cp = ch.codePointAt(0)!;
        return cp >= PLANE16 ? cp - PLANE16 : cp - PLANE15 + 0x10000;
      });
      let out = '';
      cps.forEach((cp, i) => {
        const char = String.fromCodePoint(cp);
        out += char;
        const next = cps[i + 1];
        // The selector left out: put back after a pictograph that is text by default (❤, ☺),
        // unless a skin tone follows, and before a keycap (#️⃣).
        const textByDefault = PICTOGRAPH.test(char) && !PICTURE.test(char);
        const beforeKeycap = next === KEYCAP;
        if (
          (textByDefault &&
            (next === undefined || next === ZWJ || !SKIN_TONE.test(String.fromCodePoint(next)))) ||
          beforeKeycap
        )
          out += '\ufe0f';
      });
      return out;
    })
    .replaceAll(SEPARATOR, '');
}
