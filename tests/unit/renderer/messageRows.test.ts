import { describe, expect, it } from 'vitest';
import { messageRows } from '../../../renderer/src/components/messageRows.dom.ts';
import type { Message } from '../../../shared/model/entities.std.ts';

const at = (id: number, time: Date) => ({ id, time: time.getTime() }) as Message;
const now = new Date(2026, 11, 8, 15, 30);
const days = (ago: number, hour = 10) => new Date(2026, 11, 8 - ago, hour);
const labels = (language: string, messages: Message[]) =>
  messageRows(messages, language, null, {
    now: now.getTime(),
    today: language === 'ru' ? 'Сегодня' : 'Today',
    yesterday: language === 'ru' ? 'Вчера' : 'Yesterday',
  })
    .filter((r) => r.kind === 'date')
    .map((r) => (r.kind === 'date' ? r.label : ''));

describe('date separators in a conversation', () => {
  it('say Today and Yesterday, the day and month this year, and the year before it', () => {
    const messages = [
      at(1, new Date(2025, 6, 1, 9)),
      at(2, days(30)),
      at(3, days(1, 23)),
      at(4, days(0, 0)),
      at(5, days(0, 14)),
    ];
    expect(labels('en', messages)).toEqual(['July 1, 2025', 'November 8', 'Yesterday', 'Today']);
    expect(labels('ru', messages)).toEqual(['1 июля 2025 г.', '8 ноября', 'Вчера', 'Сегодня']);
  });
});
