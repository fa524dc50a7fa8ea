import fs from 'node:fs';
import path from 'node:path';

/** Where a data folder keeps its local media copies. */
export const mediaDirOf = (dataDir: string): string => path.join(dataDir, 'media');

const NAME = /^[\w][\w.-]{0,200}$/;

/**
 * A file the page may load, by name only (`/media/<name>`): no folders, no dot-files. It is
 * a local media copy (`media/`, MediaFetcher's names), or a file we sent, kept beside it in
 * `outgoing/` by the sender (`<clientRef>-<name>`): our own photos and files show and
 * download like anyone else's. Uploads waiting in `outgoing/uploads/` are not reachable.
 */
export function mediaFilePath(mediaDir: string, name: string): string | null {
  if (!NAME.test(name) || name.includes('..')) return null;
  const root = path.resolve(mediaDir);
  for (const dir of [root, path.join(path.dirname(root), 'outgoing')]) {
    const file = path.join(dir, name);
    try {
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // Not in this folder.
    }
  }
  return null;
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
