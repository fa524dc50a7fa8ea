import { useT } from '../i18n/i18n.dom.ts';
import { useEscape } from './useEscape.dom.ts';

/** The keys the window answers to (App.dom.tsx, the composer, the viewer), in one list. */
export const SHORTCUTS = [
  ['Ctrl+K', 'shortcuts.search'],
  ['Alt+↑ / Alt+↓', 'shortcuts.nextChat'],
  ['Esc', 'shortcuts.back'],
  ['Enter', 'shortcuts.send'],
  ['Ctrl+Shift+M', 'shortcuts.mute'],
  ['Ctrl+Shift+U', 'shortcuts.markUnread'],
  ['← / →', 'shortcuts.pictures'],
  ['Ctrl+/', 'shortcuts.sheet'],
] as const;

/** The list of shortcuts, as Settings and the Ctrl+/ sheet show it. */
export function ShortcutList() {
  const t = useT();
  return (
    <dl className="shortcuts">
      {SHORTCUTS.map(([keys, what]) => (
        <div key={what}>
          <dt>
            <kbd>{keys}</kbd>
          </dt>
          <dd>{t(what)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Ctrl+/: the shortcuts on a sheet of their own, as in Telegram Desktop and Slack. */
export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  const t = useT();
  useEscape(onClose);
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        onClick={(event) => event.stopPropagation()}
      >
        <h2 id="shortcuts-title">{t('shortcuts.title')}</h2>
        <ShortcutList />
        <div className="dialog-actions">
          <button type="button" autoFocus onClick={onClose}>
            {t('lightbox.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
