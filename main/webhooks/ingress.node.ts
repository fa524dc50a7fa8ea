import http from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { DeliverySink } from './webhookSource.node.ts';
import { createLogger } from '../log/logger.node.ts';
import { jsonNestingExceeds } from './jsonDepth.std.ts';

export interface IngressOptions {
  bindAddress: string;
  port: number;
  /** The secret of an account's URL, or undefined if there is no such webhook account. */
  secretOf(accountId: string): string | undefined;
  sink: DeliverySink;
  /** Keeps a body that can never be understood (not JSON, absurdly nested), with why. */
  quarantine(accountId: string, reason: string, raw: string): void;
  /** A body larger than this is refused (413) before it is read in full. */
  maxBodyBytes?: number;
  /** A test event sent to ourselves through the public URL arrived. */
  onTestEvent?(accountId: string, nonce: string): void;
}

export interface Ingress {
  readonly port: number;
  readonly address: string;
  close(): Promise<void>;
}

export const HOOK_PATH = /^\/hooks\/([\w-]{1,64})\/([\w-]{16,128})$/;
/** No provider nests its JSON this deep; deeper would cost stack in every later JSON pass. */
export const MAX_JSON_DEPTH = 64;
/** What an oversized body may still send after its 413 before the socket is cut. */
const MAX_DISCARD_BYTES = 32 * 1024 * 1024;
const digest = (s: string) => createHash('sha256').update(s).digest();
const log = createLogger('webhooks');

/**
 * The webhook receiver: POST /hooks/{account}/{secret}. An unknown account or secret gets
 * 404 and nothing is stored. The 200 goes out only once the events are committed to SQLite,
 * so a provider that sees 200 never needs to resend, and one that sees anything else will.
 */
export async function startIngress(options: IngressOptions): Promise<Ingress> {
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const server = http.createServer((req, res) => {
    const reply = (status: number, body: object) => {
      if (!res.headersSent)
        res
          .writeHead(status, { 'content-type': 'application/json', connection: 'close' })
          .end(JSON.stringify(body));
    };
    req.on('error', () => res.destroy());
    const match = HOOK_PATH.exec(pathOf(req.url));
    const expected = match ? options.secretOf(match[1]!) : undefined;
    if (!match || expected === undefined || !timingSafeEqual(digest(match[2]!), digest(expected))) {
      req.resume();
      return reply(404, { error: 'not found' });
    }
    if (req.method !== 'POST') {
      req.resume();
      return reply(405, { error: 'POST only' });
    }
    const accountId = match[1]!;
    // Too large: say so first, then read the rest away, so the provider sees the 413
    // rather than a reset connection (which it would take for an outage and resend).
    const refuseTooLarge = (size: number) => {
      log.warn(`webhook for account ${accountId} refused: body over ${maxBody} bytes`, { size });
      reply(413, { error: `body too large (the limit is ${maxBody} bytes)` });
      let discarded = 0;
      req.removeAllListeners('data');
      req.on('data', (chunk: Buffer) => {
        discarded += chunk.length;
        if (discarded > MAX_DISCARD_BYTES) req.destroy();
      });
      req.resume();
    };
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBody) return refuseTooLarge(declared);
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBody && !tooLarge) {
        tooLarge = true;
        chunks.length = 0;
        return refuseTooLarge(size);
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) return;
      const text = Buffer.concat(chunks).toString('utf8');
      const body = parseBody(text);
      if (!body.ok) {
        options.quarantine(accountId, body.reason, text);
        return reply(200, { ok: false, quarantined: body.reason });
      }
      const test = body.value as { type?: unknown; nonce?: unknown } | null;
      if (test?.type === 'switchboard_test' && typeof test.nonce === 'string') {
        options.onTestEvent?.(accountId, test.nonce);
        return reply(200, { ok: true });
      }
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]),
      );
      let delivered;
      try {
        delivered = options.sink.deliver({ accountId, body: body.value, headers });
      } catch (error) {
        delivered = Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      delivered.then(
        (outcome) => {
          if (outcome.kind === 'retry') reply(503, { error: outcome.reason });
          else
            reply(
              200,
              outcome.kind === 'stored' ? { ok: true } : { ok: false, quarantined: outcome.reason },
            );
        },
        (error: unknown) => {
          log.error(`webhook for account ${accountId} failed`, {
            error: error instanceof Error ? error.stack : String(error),
          });
          reply(503, { error: 'Switchboard could not take this delivery; send it again' });
        },
      );
    });
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable)
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.bindAddress, () => resolve());
  });
  const address = server.address() as { port: number; address: string };
  return {
    port: address.port,
    address: address.address,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function pathOf(target: string | undefined): string {
  try {
    return new URL(target ?? '/', 'http://ingress').pathname;
  } catch {
    return '';
  }
}

function parseBody(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (jsonNestingExceeds(text, MAX_JSON_DEPTH))
    return { ok: false, reason: `the body is nested deeper than ${MAX_JSON_DEPTH} levels` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, reason: 'the body is not JSON' };
  }
}
