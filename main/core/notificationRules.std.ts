import type { Settings } from '../../shared/model/settings.std.ts';

export interface NotifyContext {
  settings: Settings;
  now: number;
  lineMuted: boolean;
  /** This chat is muted (per chat, until a time). */
  chatMuted?: boolean;
  /** The conversation on screen, if the window has focus. */
  focusedConversationId: number | null;
  conversationId: number;
}

/** Whether a new incoming message deserves a notification. */
export function shouldNotify(c: NotifyContext): boolean {
  if (!c.settings.notifications.enabled) return false;
  if (c.settings.doNotDisturbUntil > c.now) return false;
  if (c.lineMuted || c.chatMuted) return false;
  return c.focusedConversationId !== c.conversationId;
}

const WORDS = {
  en: {
    hidden: 'New message',
    many: (n: number) => `${n} new messages`,
    chats: (n: number) => `in ${n} chats`,
  },
  ru: {
    hidden: 'Новое сообщение',
    many: (n: number) =>
      `${n} ${plural(n, 'новое сообщение', 'новых сообщения', 'новых сообщений')}`,
    chats: (n: number) => `в ${n} ${plural(n, 'чате', 'чатах', 'чатах')}`,
  },
} as const;

/** One notification for many conversations at once. */
export function summaryText(
  settings: Settings,
  messages: number,
  chats: number,
): { title: string; body: string } {
  const words = WORDS[settings.language];
  return { title: 'Switchboard', body: `${words.many(messages)} ${words.chats(chats)}` };
}

function plural(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}

/** Title: contact and line. Body: the preview, or nothing telling when previews are off. */
export function notificationText(
  settings: Settings,
  contact: string,
  line: string,
  preview: string,
  count: number,
): { title: string; body: string } {
  const words = WORDS[settings.language];
  const body = !settings.notifications.showPreview
    ? count > 1
      ? words.many(count)
      : words.hidden
    : count > 1
      ? `${words.many(count)}: ${preview}`
      : preview;
  return { title: `${contact} · ${line}`, body };
}
