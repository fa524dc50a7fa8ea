import { useEffect, useRef } from 'react';
import data from '@emoji-mart/data/sets/15/native.json';
import ru from '@emoji-mart/data/i18n/ru.json';
import { Picker } from 'emoji-mart';
import { useT } from '../i18n/i18n.dom.ts';
import { useWorkspace } from '../store/workspace.dom.ts';

/**
 * Emoji Mart's picker, with its data bundled (no CDN: the app works offline): search by name
 * in the user's language, categories, skin tones, and the frequently used ones first (kept
 * by Emoji Mart in this page's storage).
 */
export function EmojiPicker({
  onPick,
  onClose,
}: {
  onPick: (emoji: string) => void;
  onClose: () => void;
}) {
  const t = useT();
  const host = useRef<HTMLDivElement>(null);
  const language = useWorkspace((s) => s.settings?.language ?? 'en');
  const theme = useWorkspace((s) => s.settings?.theme ?? 'system');
  const pick = useRef(onPick);
  pick.current = onPick;
  // Caught on the way down: Emoji Mart's own search box keeps Esc from bubbling up.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      onClose();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onClose]);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const picker = new Picker({
      data,
      ...(language === 'ru' ? { i18n: ru, locale: 'ru' } : { locale: 'en' }),
      theme: theme === 'system' ? 'auto' : theme,
      set: 'native',
      previewPosition: 'none',
      skinTonePosition: 'search',
      autoFocus: true,
      onEmojiSelect: (emoji: { native?: string }) => {
        if (emoji.native) pick.current(emoji.native);
      },
    }) as unknown as HTMLElement;
    element.appendChild(picker);
    return () => picker.remove();
  }, [language, theme]);

  // A click elsewhere closes it, as a menu does.
  useEffect(() => {
    const onDown = (event: MouseEvent) => {
      if (host.current && !event.composedPath().includes(host.current)) onClose();
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [onClose]);

  return <div ref={host} className="emoji-picker" role="dialog" aria-label={t('composer.emoji')} />;
}
