import type { Media, MessageType } from '../../../shared/model/entities.std.ts';
import { useT } from '../i18n/i18n.dom.ts';
import { formatSize } from './formatSize.std.ts';
import { Icon } from './Icon.dom.tsx';

/** Turns the core's local copy of a file into an address the page may load. */
export type MediaUrl = (localPath: string) => string | undefined;

/** Where the file can be loaded from: the local copy first, else the provider's https link while it lasts. */
export function mediaSource(
  media: Media,
  mediaUrl: MediaUrl | undefined,
  now: number,
): string | undefined {
  if (media.localPath && mediaUrl) {
    const local = mediaUrl(media.localPath);
    if (local) return local;
  }
  if (!media.url || !/^https:\/\//i.test(media.url)) return undefined;
  if (media.urlExpiresAt !== undefined && media.urlExpiresAt <= now) return undefined;
  return media.url;
}

function kindOf(type: MessageType, mime: string | undefined): 'image' | 'video' | 'audio' | 'file' {
  if (type === 'image' || type === 'sticker' || mime?.startsWith('image/')) return 'image';
  if (type === 'video' || mime?.startsWith('video/')) return 'video';
  if (type === 'audio' || type === 'voice' || mime?.startsWith('audio/')) return 'audio';
  return 'file';
}

/** A picture shown, sound and video playable, any other file with its name, size and a download link. */
export function MediaPreview({
  media,
  type,
  mediaUrl,
  onOpenPicture,
}: {
  media: Media;
  type: MessageType;
  mediaUrl?: MediaUrl | undefined;
  /** Opens the picture in the chat's viewer; without it, the link opens the file. */
  onOpenPicture?: (() => void) | undefined;
}) {
  const t = useT();
  const src = mediaSource(media, mediaUrl, Date.now());
  const name = media.fileName ?? t('message.media');
  const kind = kindOf(type, media.mime);
  if (src && kind === 'image') {
    return (
      <a
        className="media-image"
        href={src}
        target="_blank"
        rel="noreferrer noopener"
        aria-label={t('message.openImage')}
        onClick={(event) => {
          // A plain click opens the viewer; Ctrl/middle-click still opens the file itself.
          if (!onOpenPicture || event.ctrlKey || event.metaKey || event.shiftKey) return;
          event.preventDefault();
          onOpenPicture();
        }}
      >
        <img src={src} alt={media.fileName ?? ''} loading="lazy" referrerPolicy="no-referrer" />
      </a>
    );
  }
  if (src && kind === 'video')
    return (
      <video className="media-video" controls preload="metadata" src={src} aria-label={name} />
    );
  if (src && kind === 'audio')
    return (
      <audio className="media-audio" controls preload="metadata" src={src} aria-label={name} />
    );
  return (
    <div className="bubble-media media-file">
      <Icon name="file" />
      <span className="media-file-name">{name}</span>
      {media.size !== undefined && <span className="muted">{formatSize(media.size)}</span>}
      {src ? (
        <a href={src} download={media.fileName ?? true} target="_blank" rel="noreferrer noopener">
          {t('message.download')}
        </a>
      ) : (
        media.url && <span className="muted">{t('message.mediaGone')}</span>
      )}
    </div>
  );
}
