import type { Message } from '../../../shared/model/entities.std.ts';

export type Row =
  | { kind: 'date'; key: string; label: string }
  | { kind: 'unread'; key: string }
  | { kind: 'message'; key: string; message: Message };

/** The conversation's rows: a date separator at each new day, the unread divider above the first unread message. */
export function messageRows(
  messages: readonly Message[],
  language: string,
  firstUnreadId: number | null,
): Row[] {
  const day = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric' });
  const out: Row[] = [];
  let lastDay = '';
  for (const message of messages) {
    const label = day.format(message.time);
    if (label !== lastDay) out.push({ kind: 'date', key: `d${message.id}`, label });
    lastDay = label;
    if (message.id === firstUnreadId) out.push({ kind: 'unread', key: 'unread' });
    out.push({ kind: 'message', key: String(message.id), message });
  }
  return out;
}
