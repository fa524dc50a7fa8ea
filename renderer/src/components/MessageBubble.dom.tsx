import { useState } from 'react';
import type { Message } from '../../../shared/model/entities.std.ts';
import { kindWords } from './messageKind.dom.ts';
import { useSay, useT } from '../i18n/i18n.dom.ts';
import { Ticks } from './Ticks.dom.tsx';
import { LinkifiedText } from './LinkifiedText.dom.tsx';
import { MediaPreview, type MediaUrl } from './MediaPreview.dom.tsx';
import { MessageActions, type MessageActionHandlers } from './MessageActions.dom.tsx';
import { Confirm } from './Confirm.dom.tsx';

interface BubbleProps {
  message: Message;
  time: string;
  group?: boolean;
  highlighted?: boolean;
  onRetry?: (id: number) => void;
  /** A send that never went, taken back to the composer to change and send again. */
  onEditUnsent?: (message: Message) => void;
  /** A send that never went, given up. */
  onDiscard?: (message: Message) => void;
  onOpenPicture?: (message: Message) => void;
  mediaUrl?: MediaUrl;
  /** Offered when the line can send. */
  actions?: MessageActionHandlers;
}

export function MessageBubble({
  message,
  time,
  group = false,
  highlighted = false,
  onRetry,
  onEditUnsent,
  onDiscard,
  onOpenPicture,
  actions,
  mediaUrl,
}: BubbleProps) {
  const t = useT();
  const sayCore = useSay();
  const [discarding, setDiscarding] = useState(false);
  if (message.type === 'system' || message.origin === 'system') {
    return (
      <div className="system-row" role="note">
        {message.text ?? kindWords(t, message)}
      </div>
    );
  }
  const out = message.direction === 'out';
  const reactions = Object.values(message.reactions);
  return (
    <div className={`bubble-row ${out ? 'bubble-row-out' : 'bubble-row-in'}`}>
      <div className="bubble-line">
        <div
          className={`bubble ${out ? 'bubble-out' : 'bubble-in'}${highlighted ? ' bubble-highlighted' : ''}`}
          data-testid="message"
          aria-current={highlighted ? 'true' : undefined}
        >
          {group && !out && message.sender?.name && (
            <div className="bubble-sender">{message.sender.name}</div>
          )}
          {message.quoted && !message.deleted && (
            <div className="bubble-quote">
              {message.quoted.senderName && <strong>{message.quoted.senderName}: </strong>}
              {message.quoted.preview ?? '…'}
            </div>
          )}
          {message.deleted ? (
            <em className="bubble-deleted">{t('message.deleted')}</em>
          ) : (
            <>
              {message.media && (
                <MediaPreview
                  media={message.media}
                  type={message.type}
                  mediaUrl={mediaUrl}
                  onOpenPicture={onOpenPicture && (() => onOpenPicture(message))}
                />
              )}
              {message.location && (
                <div className="bubble-media">
                  📍{' '}
                  {message.location.name ??
                    `${message.location.lat.toFixed(4)}, ${message.location.lng.toFixed(4)}`}
                </div>
              )}
              {message.text && (
                <div className="bubble-text">
                  <LinkifiedText text={message.text} />
                </div>
              )}
              {!message.text && !message.media && !message.location && kindWords(t, message) && (
                <div className="bubble-text bubble-kind">{kindWords(t, message)}</div>
              )}
            </>
          )}
          <div className="bubble-meta">
            {message.edited && !message.deleted && (
              <span className="muted">{t('message.edited')}</span>
            )}
            <time>{time}</time>
            {out && <Ticks status={message.status} />}
          </div>
          {reactions.length > 0 && <div className="bubble-reactions">{reactions.join(' ')}</div>}
        </div>
        {actions && <MessageActions message={message} {...actions} />}
      </div>
      {out && (message.sendError || message.status?.tick === 'failed') && (
        <div className="bubble-error" role="alert">
          {message.sendError
            ? sayCore(message.sendError.words, message.sendError.message)
            : message.status?.tick === 'failed' && message.status.reason
              ? sayCore(message.status.reasonWords, message.status.reason)
              : ''}
          <span className="bubble-error-actions">
            {message.status?.tick === 'failed' && onRetry && (
              <button type="button" className="link-button" onClick={() => onRetry(message.id)}>
                {t('message.retry')}
              </button>
            )}
            {onEditUnsent && message.text && !message.media && (
              <button type="button" className="link-button" onClick={() => onEditUnsent(message)}>
                {t('message.editUnsent')}
              </button>
            )}
            {onDiscard && (
              <button type="button" className="link-button" onClick={() => setDiscarding(true)}>
                {t('message.discard')}
              </button>
            )}
          </span>
          {discarding && onDiscard && (
            <Confirm
              className="confirm bubble-confirm"
              question={t('message.discardQuestion')}
              confirm={t('message.discardConfirm')}
              onConfirm={() => {
                setDiscarding(false);
                onDiscard(message);
              }}
              onCancel={() => setDiscarding(false)}
            />
          )}
        </div>
      )}
    </div>
  );
}
