import http from 'node:http';
import { timingSafeEqual, createHash } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { RequestFrame, type ReplyFrame } from '../../shared/ipc/wire.std.ts';
import type { CoreEndpoint } from '../core/endpoint.node.ts';
import { serveStatic } from './staticFiles.node.ts';
import { mediaFilePath, mediaHeaders } from '../core/mediaFiles.node.ts';
import fs from 'node:fs';
import { createLogger } from '../log/logger.node.ts';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { uploadPath } from '../core/sender.node.ts';
import { MAX_ATTACHMENT_BYTES } from '../../shared/ipc/contract.std.ts';
import { say, words } from '../../shared/words/coreWords.std.ts';

/** The core as the bridge serves it: in this process, or a supervised core process. */
export type BridgeCore = CoreEndpoint & { readonly dataDir: string; readonly mediaDir: string };

export interface BridgeOptions {
  core: BridgeCore;
  /** 0 picks a free port. */
  port: number;
  token: string;
  /** The built renderer, served on the same origin as the socket. */
  staticDir?: string;
  /** Extra page origins allowed to connect (a Vite dev server). */
  allowedOrigins?: string[];
}

export interface Bridge {
  port: number;
  /** The page to open, token in the fragment so it never reaches a log. */
  url: string;
  close(): Promise<void>;
}

export const BRIDGE_PATH = '/bridge';
/** Local media copies: `/media/<name>?token=…` (an <img> cannot send a header). */
export const MEDIA_PATH = '/media/';
/** A 100 MB attachment, base64-encoded, plus the frame around it. */
/**
 * The largest frame a page may send: a request, never a file (files go by `POST /upload`).
 * A message's text is at most 100,000 characters; a megabyte leaves room for its JSON.
 */
export const MAX_FRAME = 1024 * 1024;
/** A page this far behind on reading is closed; its reconnect reloads what it shows. */
export const MAX_BUFFERED = 16 * 1024 * 1024;
const UPLOAD_PATH = '/upload';
const HOST = '127.0.0.1';

const log = createLogger('bridge');
const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Serves the IPC contract over a WebSocket on 127.0.0.1, so the renderer runs in a plain
 * browser against the headless core. A connection needs the token; a page from another
 * origin is refused even with it (a website cannot drive the core through the browser).
 */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const { core } = options;
  const expected = digest(options.token);
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME });
  const clients = new Set<WebSocket>();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, HOST, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const origins = new Set([
    `http://${HOST}:${port}`,
    `http://localhost:${port}`,
    ...(options.allowedOrigins ?? []),
  ]);

  const serve = options.staticDir ? serveStatic(options.staticDir, port) : undefined;
  server.on('request', (req, res) => {
    const url = requestUrl(req.url);
    if (!url) return void res.writeHead(400).end();
    if (url.pathname === UPLOAD_PATH) {
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST' }).end();
      if (!timingSafeEqual(digest(bearer), expected)) return void res.writeHead(401).end();
      return void receiveUpload(req, res, path.join(core.dataDir, 'outgoing'));
    }
    if (url.pathname.startsWith(MEDIA_PATH)) {
      if (!timingSafeEqual(digest(url.searchParams.get('token') ?? ''), expected))
        return void res.writeHead(401).end();
      let name = '';
      try {
        name = decodeURIComponent(url.pathname.slice(MEDIA_PATH.length));
      } catch {
        // Malformed: no such file.
      }
      const file = mediaFilePath(core.mediaDir, name);
      if (!file) return void res.writeHead(404).end();
      res.writeHead(200, mediaHeaders(file));
      fs.createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
      return;
    }
    if (serve) serve(req, res);
    else res.writeHead(404).end();
  });

  server.on('clientError', (_error, socket) => {
    if (socket.writable)
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  server.on('upgrade', (req, socket: Duplex, head) => {
    socket.on('error', () => socket.destroy());
    const url = requestUrl(req.url);
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (!url) return refuse(400, 'Bad Request');
    if (url.pathname !== BRIDGE_PATH) return refuse(404, 'Not Found');
    const origin = req.headers.origin;
    if (origin !== undefined && !origins.has(origin)) return refuse(403, 'Forbidden');
    const token = url.searchParams.get('token') ?? '';
    if (!timingSafeEqual(digest(token), expected)) return refuse(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws));
  });

  wss.on('connection', (ws: WebSocket) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    // A protocol violation (bad UTF-8, an unmasked or oversized frame, a reserved opcode or
    // bit) ends that one socket; ws closes it with the right code. Without a listener the
    // 'error' event would be thrown and stop the whole core.
    ws.on('error', (error) => {
      log.warn('bridge client sent a bad frame; its socket is closed', { error: error.message });
      clients.delete(ws);
    });
    ws.on('message', (data, isBinary) => {
      void answer(core, ws, isBinary ? null : data.toString());
    });
  });

  const off = core.on((event, payload) => {
    const frame = JSON.stringify({ event, payload });
    for (const ws of clients) {
      if (ws.readyState !== ws.OPEN) continue;
      if (ws.bufferedAmount > MAX_BUFFERED) {
        // Backpressure: a page that does not read would hold the core's memory without bound.
        log.warn('a page fell behind reading events; its socket is closed so it reloads', {
          buffered: ws.bufferedAmount,
        });
        ws.close(4008, 'fell behind');
        continue;
      }
      ws.send(frame);
    }
  });

  return {
    port,
    url: `http://${HOST}:${port}/#token=${encodeURIComponent(options.token)}`,
    async close() {
      off();
      for (const ws of clients) ws.close(1001, 'core shutting down');
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function answer(core: CoreEndpoint, ws: WebSocket, text: string | null): Promise<void> {
  let frame: RequestFrame;
  try {
    const parsed = RequestFrame.safeParse(text === null ? null : JSON.parse(text));
    if (!parsed.success) throw new Error('not a request frame');
    frame = parsed.data;
  } catch {
    send(ws, {
      id: -1,
      ok: false,
      error: {
        code: 'invalid_request',
        message: 'The bridge only takes JSON request frames {id, method, params}.',
      },
    });
    return;
  }
  const reply = await core.handle(frame.method, frame.params);
  send(ws, { id: frame.id, ...reply } as ReplyFrame);
}

function send(ws: WebSocket, frame: ReplyFrame): void {
  if (ws.readyState !== ws.OPEN) return;
  if (ws.bufferedAmount > MAX_BUFFERED) return void ws.close(4008, 'fell behind');
  ws.send(JSON.stringify(frame));
}

/**
 * A file for a send, streamed to `outgoing/uploads/<id>` (never a WebSocket frame), up to
 * the attachment limit; the send names it by the id this answers with.
 */
function receiveUpload(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  attachmentsDir: string,
): void {
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  const tooLarge = () =>
    res.writeHead(413, { 'content-type': 'application/json', connection: 'close' }).end(
      JSON.stringify({
        ok: false,
        error: {
          code: 'invalid_request',
          message: say(words('message.uploadTooLarge', { limit: '100 MB' }), 'en'),
        },
      }),
    );
  if (declared > MAX_ATTACHMENT_BYTES) {
    tooLarge();
    req.resume();
    return;
  }
  const id = randomUUID();
  const file = uploadPath(attachmentsDir, id);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const out = fs.createWriteStream(file);
  let received = 0;
  let failed = false;
  const fail = (status: number) => {
    if (failed) return;
    failed = true;
    out.destroy();
    fs.rm(file, { force: true }, () => undefined);
    if (status === 413) tooLarge();
    else res.writeHead(status).end();
    req.resume();
  };
  req.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received > MAX_ATTACHMENT_BYTES) fail(413);
  });
  req.on('error', () => fail(400));
  out.on('error', () => fail(507));
  req.pipe(out);
  out.on('finish', () => {
    if (failed) return;
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ uploadId: id, size: received }));
  });
}

/** The request target as a URL, or undefined when it cannot be one (an absolute-form `http://[`). */
function requestUrl(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', `http://${HOST}`);
  } catch {
    return undefined;
  }
}
