import http from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { WebhookSink } from './webhookSource.node.ts';

export interface IngressOptions {
  bindAddress: string;
  port: number;
  /** The secret of an account's URL, or undefined if there is no such webhook account. */
  secretOf(accountId: string): string | undefined;
  sink: WebhookSink;
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
const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * The webhook receiver: POST /hooks/{account}/{secret}. An unknown account or secret gets
 * 404 and nothing is stored. The 200 goes out only once the events are committed to SQLite,
 * so a provider that sees 200 never needs to resend, and one that sees anything else will.
 */
export async function startIngress(options: IngressOptions): Promise<Ingress> {
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const server = http.createServer((req, res) => {
    const reply = (status: number, body: object) => {
      if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json', connection: 'close' }).end(JSON.stringify(body));
    };
    const match = HOOK_PATH.exec(new URL(req.url ?? '/', 'http://ingress').pathname);
    const expected = match ? options.secretOf(match[1]!) : undefined;
    if (!match || expected === undefined || !timingSafeEqual(digest(match[2]!), digest(expected))) {
      req.resume();
      return reply(404, { error: 'not found' });
    }
    if (req.method !== 'POST') return reply(405, { error: 'POST only' });
    const accountId = match[1]!;
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBody) {
      req.destroy();
      return reply(413, { error: 'body too large' });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBody) {
        reply(413, { error: 'body too large' });
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > maxBody) return;
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = { unparsable: text.slice(0, 64 * 1024) };
      }
      const test = body as { type?: unknown; nonce?: unknown } | null;
      if (test?.type === 'switchboard_test' && typeof test.nonce === 'string') {
        options.onTestEvent?.(accountId, test.nonce);
        return reply(200, { ok: true });
      }
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
      options.sink.deliver({ accountId, body, headers }).then(
        (outcome) => {
          if (outcome.kind === 'retry') reply(503, { error: outcome.reason });
          else reply(200, outcome.kind === 'stored' ? { ok: true } : { ok: false, quarantined: outcome.reason });
        },
        (error: unknown) => reply(503, { error: String(error) }),
      );
    });
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
