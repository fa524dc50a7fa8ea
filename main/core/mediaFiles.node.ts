import fs from 'node:fs';
import path from 'node:path';

/**
 * Local media copies, served to the page by name only (`/media/<name>`): no folders, no
 * dot-files, nothing outside the media folder. MediaFetcher writes names of this shape.
 */
/** Where a data folder keeps its local media copies. */
export const mediaDirOf = (dataDir: string): string => path.join(dataDir, 'media');

const NAME = /^[\w][\w.-]{0,120}$/;

export function mediaFilePath(mediaDir: string, name: string): string | null {
  if (!NAME.test(name) || name.includes('..')) return null;
  const file = path.join(path.resolve(mediaDir), name);
  try {
    return fs.statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

const TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.m4a': 'audio/mp4',
  '.wav': 'audio/wav',
  '.pdf': 'application/pdf',
};

/** Response headers: pictures, sound and video play in the page; anything else is a download, never rendered. */
export function mediaHeaders(file: string): Record<string, string> {
  const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  const inline = /^(image|audio|video)\//.test(type);
  return {
    'content-type': type,
    'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${path.basename(file).replace(/"/g, '')}"`,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'cache-control': 'private, max-age=86400',
  };
}
