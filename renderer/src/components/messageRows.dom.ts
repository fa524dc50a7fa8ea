import type { Message } from '../../../shared/model/entities.std.ts';

export type Row =
  | { kind: 'date'; key: string; label: string }
  | { kind: 'unread'; key: string }
  | { kind: 'message'; key: string; message: Message };

/** What the date separators say for the two nearest days, and when "now" is. */
export interface DayWords {
  now: number;
  today: string;
  yesterday: string;
}

const startOfDay = (ms: number) => {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
};

/**
 * The conversation's rows: a date separator at each new day, the unread divider above the
 * first unread message. As in Telegram: "Today", "Yesterday", the day and month within this
 * year, the full date before it.
 */
export function messageRows(
  messages: readonly Message[],
  language: string,
  firstUnreadId: number | null,
  dayWords: DayWords,
): Row[] {
  const thisYear = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long' });
  const otherYear = new Intl.DateTimeFormat(language, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const today = startOfDay(dayWords.now);
  const yesterday = startOfDay(today - 12 * 3_600_000);
  const year = new Date(dayWords.now).getFullYear();
  const labelOf = (day: number) =>
    day === today
      ? dayWords.today
      : day === yesterday
        ? dayWords.yesterday
        : (new Date(day).getFullYear() === year ? thisYear : otherYear).format(day);
  const out: Row[] = [];
  let lastDay: number | undefined;
  for (const message of messages) {
    const day = startOfDay(message.time);
    if (day !== lastDay) out.push({ kind: 'date', key: `d${message.id}`, label: labelOf(day) });
    lastDay = day;
    if (message.id === firstUnreadId) out.push({ kind: 'unread', key: 'unread' });
    out.push({ kind: 'message', key: String(message.id), message });
  }
  return out;
}
