import { useEffect, useState, type KeyboardEvent } from 'react';
import { useT } from '../i18n/i18n.dom.ts';

const draftKey = (conversationId: number) => `switchboard.draft.${conversationId}`;

/** Enter sends, Shift+Enter breaks the line; the draft survives switching chats and restarts. */
export function Composer({ conversationId, disabledReason, onSend }: { conversationId: number; disabledReason: string | undefined; onSend: (text: string) => Promise<void> }) {
  const t = useT();
  const [text, setText] = useState(() => localStorage.getItem(draftKey(conversationId)) ?? '');
  const [error, setError] = useState<string>();

  useEffect(() => {
    setText(localStorage.getItem(draftKey(conversationId)) ?? '');
    setError(undefined);
  }, [conversationId]);

  const update = (value: string) => {
    setText(value);
    if (value) localStorage.setItem(draftKey(conversationId), value);
    else localStorage.removeItem(draftKey(conversationId));
  };

  const send = async () => {
    if (!text.trim() || disabledReason) return;
    const sending = text;
    update('');
    try {
      await onSend(sending);
    } catch (e) {
      update(sending);
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  };

  return (
    <div className="composer">
      {disabledReason && <div className="composer-disabled" role="status">{disabledReason}</div>}
      {error && <div className="composer-error" role="alert">{error}</div>}
      <div className="composer-row">
        <textarea
          aria-label={t('composer.label')}
          placeholder={t('composer.placeholder')}
          value={text}
          disabled={disabledReason !== undefined}
          rows={1}
          onChange={(event) => update(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="button" onClick={() => void send()} disabled={disabledReason !== undefined || !text.trim()} aria-label={t('composer.send')}>
          ➤
        </button>
      </div>
    </div>
  );
}
