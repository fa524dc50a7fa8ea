import type { Message } from '../../../shared/model/entities.std.ts';
import type { useT } from '../i18n/i18n.dom.ts';

const NAMED = ['call', 'poll', 'contact', 'location', 'sticker', 'system', 'unknown'] as const;

/**
 * What a message without text is, in words: a call, a poll, a group notice. The bubble and
 * the chat list's preview say this rather than nothing.
 */
export function kindWords(
  t: ReturnType<typeof useT>,
  message: Pick<Message, 'type'>,
): string | undefined {
  const type = message.type as (typeof NAMED)[number];
  return NAMED.includes(type) ? t(`message.kind.${type}`) : undefined;
}
