import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentTypeOf } from './contentTypes.node.ts';

/**
 * The renderer's CSP, sent as a header: by the static server in browser mode (which may
 * connect back to its bridge on `port`), and by the `app://` handler in the desktop app
 * (which talks over IPC and connects nowhere). The page's meta tag is only a fallback.
 */
export function contentSecurityPolicy(port?: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "media-src 'self' blob: https:",
    port === undefined
      ? "connect-src 'self'"
      : `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Serves the built renderer; anything outside its folder is a 404. */
export function serveStatic(root: string, port: number) {
  const base = path.resolve(root);
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const requested = decodedPath(url.pathname);
    if (requested === undefined) {
      res
        .writeHead(400, { 'content-type': 'text/plain' })
        .end('Bad request: the address has a broken %-escape.');
      return;
    }
    let file = path.resolve(base, `.${requested}`);
    if (!file.startsWith(base + path.sep) && file !== base) {
      res.writeHead(404).end();
      return;
    }
    if (file === base || !fs.existsSync(file) || fs.statSync(file).isDirectory())
      file = path.join(base, 'index.html');
    fs.readFile(file, (error, data) => {
      if (error) {
        res
          .writeHead(404, { 'content-type': 'text/plain' })
          .end('Not found. Was the renderer built (npm run build)?');
        return;
      }
      res.writeHead(200, {
        'content-type': contentTypeOf(file),
        'content-security-policy': contentSecurityPolicy(port),
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-cache',
      });
      res.end(data);
    });
  };
}

/** A request path with its %-escapes decoded, or undefined when one is broken (`/%`). */
function decodedPath(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
}
