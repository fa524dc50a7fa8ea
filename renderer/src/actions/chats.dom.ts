import type { Conversation } from '../../../shared/model/entities.std.ts';
import { MUTED_FOREVER } from '../../../shared/model/entities.std.ts';
import type { CoreClient } from '../ipc/client.dom.ts';

/** How long a chat can be muted for, as WhatsApp and Telegram offer it. */
export const MUTE_CHOICES = [
  { key: 'chat.mute.hours8', ms: 8 * 3_600_000 },
  { key: 'chat.mute.week', ms: 7 * 86_400_000 },
  { key: 'chat.mute.always', ms: null },
] as const;

/** What the user does to one chat: each is one request, its error shown by the caller. */
export const chatActions = (client: CoreClient) => ({
  /** `forMs`: how long; null: always. */
  mute: (id: number, forMs: number | null) =>
    client.call('conversations.setMuted', {
      id,
      until: forMs === null ? MUTED_FOREVER : Date.now() + forMs,
    }),
  unmute: (id: number) => client.call('conversations.setMuted', { id, until: null }),
  /** Ctrl+Shift+M: a muted chat is unmuted, any other muted for good. */
  toggleMute: (chat: Pick<Conversation, 'id' | 'mutedUntil'>) =>
    client.call('conversations.setMuted', {
      id: chat.id,
      until: chat.mutedUntil !== undefined ? null : MUTED_FOREVER,
    }),
  markUnread: (id: number) => client.call('conversations.markUnread', { id }),
});
