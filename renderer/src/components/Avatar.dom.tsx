import { useState } from 'react';

// Each keeps white initials above 4.5:1 contrast.
const COLORS = [
  '#c0392b',
  '#8e44ad',
  '#2471a3',
  '#117a65',
  '#935116',
  '#a04000',
  '#1f618d',
  '#6c3483',
];

/** A colour of the palette, fixed per index or id. */
export const colorOf = (n: number): string => COLORS[Math.abs(n) % COLORS.length]!;

/**
 * Up to two letters: first and last word, as Telegram does ("Anna Petrova" → "AP"). A word
 * of digits is a number, not a name ("Customer 0006" → "C", not "C0"); a phone stays its
 * first digit.
 */
export function initialsOf(title: string): string {
  const words = title
    .trim()
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length === 0) return '#';
  const named = words.filter((w) => /\p{L}/u.test(w));
  const from = named.length > 0 ? named : words.slice(0, 1);
  const initial = (word: string) => [...word].find((ch) => /[\p{L}\p{N}]/u.test(ch)) ?? '';
  const first = initial(from[0]!);
  const last = from.length > 1 ? initial(from.at(-1)!) : '';
  return (first + last).toUpperCase();
}

/** The contact's picture when the provider gives an https one, else initials on a colour fixed per chat. */
export function Avatar({ id, title, url }: { id: number; title: string; url: string | undefined }) {
  const [broken, setBroken] = useState(false);
  const safe = url && url.startsWith('https://') && !broken;
  return (
    <div
      className="avatar"
      aria-hidden="true"
      style={safe ? undefined : { background: COLORS[id % COLORS.length], color: '#fff' }}
    >
      {safe ? (
        <img
          src={url}
          alt=""
          loading="lazy"
          referrerPolicy="no-referrer"
          onError={() => setBroken(true)}
        />
      ) : (
        initialsOf(title)
      )}
    </div>
  );
}
