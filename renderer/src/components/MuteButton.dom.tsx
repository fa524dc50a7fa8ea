import { useState } from 'react';
import { MUTE_CHOICES } from '../actions/chats.dom.ts';
import { useT } from '../i18n/i18n.dom.ts';
import { BellIcon } from './BellIcon.dom.tsx';
import { useEscape } from './useEscape.dom.ts';

/** The chat's bell: Unmute when muted, else a menu of how long to mute for. */
export function MuteButton({
  muted,
  onMute,
  onUnmute,
}: {
  muted: boolean;
  onMute: (forMs: number | null) => void;
  onUnmute: () => void;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  useEscape(() => setOpen(false));
  if (muted)
    return (
      <button
        type="button"
        className="secondary"
        onClick={onUnmute}
        aria-label={t('chat.unmute')}
        title={`${t('chat.unmute')} (Ctrl+Shift+M)`}
      >
        <BellIcon muted />
      </button>
    );
  return (
    <div className="menu-anchor">
      <button
        type="button"
        className="secondary"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        aria-label={t('chat.mute')}
        title={`${t('chat.mute')} (Ctrl+Shift+M)`}
      >
        <BellIcon muted={false} />
      </button>
      {open && (
        <div className="menu" role="menu" aria-label={t('chat.mute')}>
          {MUTE_CHOICES.map((choice) => (
            <button
              key={choice.key}
              type="button"
              role="menuitem"
              autoFocus={choice === MUTE_CHOICES[0]}
              onClick={() => {
                setOpen(false);
                onMute(choice.ms);
              }}
            >
              {t(choice.key)}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
