import { useState } from 'react';
import type { Message } from '../../../shared/model/entities.std.ts';
import { useT } from '../i18n/i18n.dom.ts';
import { Icon } from './Icon.dom.tsx';
import { Confirm } from './Confirm.dom.tsx';
import { copyMessageLink } from '../actions/messages.dom.ts';

/** WhatsApp's quick reactions. */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🙏'] as const;

export interface MessageActionHandlers {
  onReply?: ((message: Message) => void) | undefined;
  onReact?: ((message: Message, emoji: string | null) => void) | undefined;
  onDelete?: ((message: Message) => void) | undefined;
}

/**
 * What can be done with one message, shown on hover or focus: reply, react, and for our own
 * delivered messages delete for everyone, which asks first.
 */
export function MessageActions({
  message,
  onReply,
  onReact,
  onDelete,
}: { message: Message } & MessageActionHandlers) {
  const t = useT();
  const [picking, setPicking] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [copied, setCopied] = useState<boolean>();
  if (message.deleted) return null;
  const mine = message.reactions.me;
  const reachedProvider =
    message.direction === 'out' &&
    message.status !== undefined &&
    message.status.tick !== 'pending' &&
    message.status.tick !== 'failed';
  return (
    <div className="bubble-actions">
      {onReply && (
        <button
          type="button"
          className="bubble-action"
          onClick={() => onReply(message)}
          aria-label={t('message.reply')}
          title={t('message.reply')}
        >
          <Icon name="reply" size={16} />
        </button>
      )}
      {onReact && (
        <button
          type="button"
          className="bubble-action"
          aria-expanded={picking}
          onClick={() => setPicking(!picking)}
          aria-label={t('message.react')}
          title={t('message.react')}
        >
          <Icon name="smile" size={16} />
        </button>
      )}
      <button
        type="button"
        className="bubble-action"
        onClick={() => void copyMessageLink(message).then(setCopied)}
        aria-label={t('message.copyLink')}
        title={
          copied === undefined
            ? t('message.copyLink')
            : t(copied ? 'message.linkCopied' : 'message.linkNotCopied')
        }
      >
        <Icon name="link" size={16} />
      </button>
      {copied !== undefined && (
        <span className="visually-hidden" role="status">
          {t(copied ? 'message.linkCopied' : 'message.linkNotCopied')}
        </span>
      )}
      {onDelete && reachedProvider && (
        <button
          type="button"
          className="bubble-action"
          onClick={() => setConfirming(true)}
          aria-label={t('message.deleteForEveryone')}
          title={t('message.deleteForEveryone')}
        >
          <Icon name="trash" size={16} />
        </button>
      )}
      {picking && onReact && (
        <div className="reaction-picker" role="group" aria-label={t('message.react')}>
          {QUICK_REACTIONS.map((emoji) => (
            <button
              key={emoji}
              type="button"
              aria-pressed={mine === emoji}
              aria-label={t(mine === emoji ? 'message.unreact' : 'message.reactWith', { emoji })}
              onClick={() => {
                setPicking(false);
                onReact(message, mine === emoji ? null : emoji);
              }}
            >
              {emoji}
            </button>
          ))}
        </div>
      )}
      {confirming && onDelete && (
        <Confirm
          className="confirm bubble-confirm"
          question={t('message.deleteQuestion')}
          confirm={t('message.deleteConfirm')}
          onConfirm={() => {
            setConfirming(false);
            onDelete(message);
          }}
          onCancel={() => setConfirming(false)}
        />
      )}
    </div>
  );
}
