import path from 'node:path';
import { mediaFilePath, mediaHeaders } from '../core/mediaFiles.node.ts';
import { contentSecurityPolicy } from '../bridge/staticFiles.node.ts';
import { contentTypeOf as typeOf } from '../bridge/contentTypes.node.ts';
export { contentTypeOf } from '../bridge/contentTypes.node.ts';

/**
 * The renderer is served from `app://switchboard/`, not `file://`: a page on a custom secure
 * scheme has an origin of its own and no file-system reach (Electron's checklist, item 18),
 * and the GrantFileProtocolExtraPrivileges fuse can stay off.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'switchboard';
export const RENDERER_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Local media copies live beside the renderer at app://switchboard/media/<name>. */
export const MEDIA_PREFIX = '/media/';

// corsEnabled: Vite's module scripts load in CORS mode, which Chromium allows only on schemes
// registered for it (as VS Code does for vscode-file). The window can reach no other origin.
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
  stream: true,
} as const;

/** The file a request maps to, or null: other hosts, escapes from the root, and odd paths are refused. */
export function resolveAppRequest(
  requestUrl: string,
  rendererRoot: string,
  mediaDir?: string,
): { file: string; media: boolean } | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (relative.includes('\0')) return null;
  if (relative.startsWith(MEDIA_PREFIX)) {
    const file = mediaDir ? mediaFilePath(mediaDir, relative.slice(MEDIA_PREFIX.length)) : null;
    return file ? { file, media: true } : null;
  }
  if (relative === '/' || relative === '') relative = '/index.html';
  const root = path.resolve(rendererRoot);
  const file = path.resolve(root, `.${relative}`);
  return file.startsWith(root + path.sep) ? { file, media: false } : null;
}

/** The headers of an app:// answer: its type, and the CSP as a header, not only as the page's meta tag. */
export function appResponseHeaders(found: {
  file: string;
  media: boolean;
}): Record<string, string> {
  const base = found.media ? mediaHeaders(found.file) : { 'content-type': typeOf(found.file) };
  return {
    ...base,
    'content-security-policy': contentSecurityPolicy(),
    'x-content-type-options': 'nosniff',
  };
}
