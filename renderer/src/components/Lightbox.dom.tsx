import { useEffect, useRef, useState } from 'react';
import type { Message } from '../../../shared/model/entities.std.ts';
import { useT } from '../i18n/i18n.dom.ts';
import { mediaSource, type MediaUrl } from './MediaPreview.dom.tsx';
import { Icon } from './Icon.dom.tsx';

const ZOOMS = [1, 2, 4] as const;

/**
 * The chat's pictures, one at a time over the chat, as in Telegram Desktop: ←/→ (or the
 * buttons) for the previous and next picture, +/− or a click to zoom, Save, Esc to close.
 * Focus comes back to the picture that opened it.
 */
export function Lightbox({
  pictures,
  startId,
  mediaUrl,
  onClose,
}: {
  /** The chat's loaded picture messages, oldest first. */
  pictures: readonly Message[];
  startId: number;
  mediaUrl: MediaUrl | undefined;
  onClose: () => void;
}) {
  const t = useT();
  const [index, setIndex] = useState(() =>
    Math.max(
      0,
      pictures.findIndex((m) => m.id === startId),
    ),
  );
  const [zoom, setZoom] = useState(0);
  const dialog = useRef<HTMLDivElement>(null);
  const picture = pictures[Math.min(index, pictures.length - 1)];
  const go = (to: number) => {
    if (to < 0 || to >= pictures.length) return;
    setIndex(to);
    setZoom(0);
  };

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    dialog.current?.focus();
    return () => opener?.focus?.();
  }, []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        onClose();
      } else if (event.key === 'ArrowLeft') go(index - 1);
      else if (event.key === 'ArrowRight') go(index + 1);
      else if (event.key === '+' || event.key === '=') setZoom((z) => Math.min(z + 1, 2));
      else if (event.key === '-') setZoom((z) => Math.max(z - 1, 0));
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  });

  if (!picture?.media) return null;
  const src = mediaSource(picture.media, mediaUrl, Date.now());
  const name = picture.media.fileName ?? t('message.media');
  const scale = ZOOMS[zoom]!;
  return (
    <div className="dialog-backdrop lightbox-backdrop" onClick={onClose}>
      <div
        ref={dialog}
        className="lightbox"
        role="dialog"
        aria-modal="true"
        aria-label={name}
        tabIndex={-1}
        onClick={(event) => event.stopPropagation()}
      >
        <div className="lightbox-bar">
          <span className="lightbox-count">
            {t('lightbox.count', { index: index + 1, total: pictures.length })}
          </span>
          <span className="lightbox-name">{name}</span>
          <button
            type="button"
            className="icon-button"
            onClick={() => setZoom((z) => Math.max(z - 1, 0))}
            disabled={zoom === 0}
            aria-label={t('lightbox.zoomOut')}
            title={`${t('lightbox.zoomOut')} (−)`}
          >
            <Icon name="zoomOut" size={20} />
          </button>
          <button
            type="button"
            className="icon-button"
            onClick={() => setZoom((z) => Math.min(z + 1, 2))}
            disabled={zoom === 2}
            aria-label={t('lightbox.zoomIn')}
            title={`${t('lightbox.zoomIn')} (+)`}
          >
            <Icon name="zoomIn" size={20} />
          </button>
          {src && (
            <a className="lightbox-save" href={src} download={name}>
              {t('lightbox.save')}
            </a>
          )}
          <button
            type="button"
            className="icon-button"
            onClick={onClose}
            aria-label={t('lightbox.close')}
            title={`${t('lightbox.close')} (Esc)`}
          >
            <Icon name="close" />
          </button>
        </div>
        <div className={`lightbox-stage${scale > 1 ? ' lightbox-zoomed' : ''}`}>
          <button
            type="button"
            className="lightbox-nav lightbox-prev"
            onClick={() => go(index - 1)}
            disabled={index === 0}
            aria-label={t('lightbox.previous')}
            title={`${t('lightbox.previous')} (←)`}
          >
            <Icon name="previous" size={40} />
          </button>
          {src ? (
            <img
              src={src}
              alt={name}
              referrerPolicy="no-referrer"
              style={scale > 1 ? { transform: `scale(${scale})` } : undefined}
              onClick={() => setZoom((z) => (z === 2 ? 0 : z + 1))}
            />
          ) : (
            <p className="muted">{t('message.mediaGone')}</p>
          )}
          <button
            type="button"
            className="lightbox-nav lightbox-next"
            onClick={() => go(index + 1)}
            disabled={index === pictures.length - 1}
            aria-label={t('lightbox.next')}
            title={`${t('lightbox.next')} (→)`}
          >
            <Icon name="next" size={40} />
          </button>
        </div>
      </div>
    </div>
  );
}
