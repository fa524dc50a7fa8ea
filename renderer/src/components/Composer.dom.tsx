import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type ClipboardEvent,
  type DragEvent,
  type KeyboardEvent,
} from 'react';
import type { Message } from '../../../shared/model/entities.std.ts';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/ipc/contract.std.ts';
import type { Draft } from '../actions/send.dom.ts';
import { useT } from '../i18n/i18n.dom.ts';
import { formatSize } from './formatSize.std.ts';
import { FileThumbnail } from './FileThumbnail.dom.tsx';
import { EmojiPicker } from './EmojiPicker.dom.tsx';
import { Icon } from './Icon.dom.tsx';

export type { Draft };

const draftKey = (conversationId: number) => `switchboard.draft.${conversationId}`;

interface ComposerProps {
  conversationId: number;
  disabledReason: string | undefined;
  replyTo?: Message | null;
  /** Who wrote an incoming message with no sender of its own (a private chat's contact). */
  contactName?: string;
  /** Text to put back in (a failed send being edited); a new `seq` puts it in again. */
  refill?: { text: string; seq: number } | null;
  onCancelReply?: () => void;
  onSend: (draft: Draft) => Promise<void>;
}

/**
 * Enter sends, Shift+Enter breaks the line; the draft survives switching chats and restarts.
 * A file comes by the paperclip, by pasting (a screenshot) or by dropping it here.
 */
export function Composer({
  conversationId,
  disabledReason,
  replyTo = null,
  contactName = '',
  refill = null,
  onCancelReply,
  onSend,
}: ComposerProps) {
  const t = useT();
  const [text, setText] = useState(() => localStorage.getItem(draftKey(conversationId)) ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);
  const [picking, setPicking] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    setText(localStorage.getItem(draftKey(conversationId)) ?? '');
    setFile(null);
    setError(undefined);
  }, [conversationId]);
  useEffect(() => {
    if (replyTo) input.current?.focus();
  }, [replyTo]);

  const update = (value: string) => {
    setText(value);
    if (value) localStorage.setItem(draftKey(conversationId), value);
    else localStorage.removeItem(draftKey(conversationId));
  };
  useEffect(() => {
    if (!refill) return;
    // What was being typed stays: the taken-back text goes after it.
    const typed = localStorage.getItem(draftKey(conversationId)) ?? '';
    update(typed.trim() ? `${typed}\n${refill.text}` : refill.text);
    input.current?.focus();
    // Once per refill (its seq), not on every keystroke.
  }, [refill?.seq]);

  const closePicker = useCallback(() => setPicking(false), []);
  /** Puts text where the cursor is (over the selection), and the cursor after it. */
  const insertAtCursor = (inserted: string) => {
    const box = input.current;
    const start = box?.selectionStart ?? text.length;
    const end = box?.selectionEnd ?? start;
    update(text.slice(0, start) + inserted + text.slice(end));
    requestAnimationFrame(() => {
      box?.focus();
      box?.setSelectionRange(start + inserted.length, start + inserted.length);
    });
  };

  const attach = (candidate: File | undefined | null) => {
    if (!candidate) return;
    if (candidate.size > MAX_ATTACHMENT_BYTES) {
      setError(
        t('composer.tooLarge', {
          name: candidate.name || t('composer.pastedImage'),
          size: formatSize(candidate.size),
          limit: formatSize(MAX_ATTACHMENT_BYTES),
        }),
      );
      return;
    }
    setError(undefined);
    setFile(candidate);
  };

  const canSend = !disabledReason && !sending && (text.trim().length > 0 || file !== null);
  const send = async () => {
    if (!canSend) return;
    const sendingText = text;
    const sendingFile = file;
    setSending(true);
    try {
      update('');
      setFile(null);
      await onSend({
        text: sendingText,
        ...(sendingFile ? { file: sendingFile } : {}),
        ...(replyTo ? { replyTo: replyTo.id } : {}),
      });
      setError(undefined);
    } catch (e) {
      update(sendingText);
      setFile(sendingFile);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSending(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
    if (event.key === 'Escape' && replyTo) {
      event.stopPropagation();
      onCancelReply?.();
    }
  };

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const pasted = [...event.clipboardData.files][0];
    if (!pasted) return;
    // A file on the clipboard (a screenshot, a copied image) is attached; plain text pastes as usual.
    event.preventDefault();
    attach(
      pasted.name
        ? pasted
        : new File([pasted], `${t('composer.pastedImage')}.${pasted.type.split('/')[1] ?? 'png'}`, {
            type: pasted.type,
          }),
    );
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    if (disabledReason || event.dataTransfer.files.length === 0) return;
    event.preventDefault();
    attach(event.dataTransfer.files[0]);
  };

  return (
    <div
      className="composer"
      onDragOver={(e) => e.dataTransfer.types.includes('Files') && e.preventDefault()}
      onDrop={onDrop}
    >
      {disabledReason && (
        <div className="composer-disabled" role="status">
          {disabledReason}
        </div>
      )}
      {error && (
        <div className="composer-error" role="alert">
          {error}
        </div>
      )}
      {replyTo && (
        <div className="composer-reply" data-testid="reply-preview">
          <div className="composer-reply-text">
            <strong>
              {replyTo.direction === 'out'
                ? t('composer.replyToYou')
                : t('composer.replyTo', {
                    name: replyTo.sender?.name ?? replyTo.sender?.phone ?? contactName,
                  })}
            </strong>
            <span className="muted">
              {replyTo.text ?? replyTo.media?.fileName ?? t('message.media')}
            </span>
          </div>
          <button
            type="button"
            className="icon-button"
            onClick={onCancelReply}
            aria-label={t('composer.cancelReply')}
            title={t('composer.cancelReply')}
          >
            <Icon name="close" size={16} />
          </button>
        </div>
      )}
      {file && (
        <div className="composer-file" data-testid="attachment-chip">
          <FileThumbnail file={file} />
          <span className="composer-file-name">{file.name}</span>
          <span className="muted">{formatSize(file.size)}</span>
          <button
            type="button"
            className="icon-button"
            onClick={() => setFile(null)}
            aria-label={t('composer.removeFile', { name: file.name })}
            title={t('composer.removeFile', { name: file.name })}
          >
            <Icon name="close" size={16} />
          </button>
        </div>
      )}
      <div className="composer-row">
        <input
          ref={picker}
          type="file"
          hidden
          onChange={(e) => (attach(e.target.files?.[0]), (e.target.value = ''))}
          data-testid="file-input"
        />
        <button
          type="button"
          className="secondary"
          onClick={() => picker.current?.click()}
          disabled={disabledReason !== undefined}
          aria-label={t('composer.attach')}
          title={t('composer.attach')}
        >
          <Icon name="attach" />
        </button>
        <button
          type="button"
          className="secondary"
          aria-expanded={picking}
          onClick={() => setPicking(!picking)}
          disabled={disabledReason !== undefined}
          aria-label={t('composer.emoji')}
          title={t('composer.emoji')}
        >
          <Icon name="smile" />
        </button>
        {picking && (
          <EmojiPicker
            onPick={(emoji) => {
              setPicking(false);
              insertAtCursor(emoji);
            }}
            onClose={closePicker}
          />
        )}
        <textarea
          ref={input}
          aria-label={t('composer.label')}
          placeholder={file ? t('composer.caption') : t('composer.placeholder')}
          value={text}
          disabled={disabledReason !== undefined}
          rows={1}
          onChange={(event) => update(event.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
        <button
          type="button"
          onClick={() => void send()}
          disabled={!canSend}
          aria-label={t('composer.send')}
        >
          <Icon name="send" />
        </button>
      </div>
    </div>
  );
}
