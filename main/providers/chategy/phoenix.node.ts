import { Socket, type Channel } from 'phoenix';
import WebSocket from 'ws';
import { decodePhoenixFrame } from './phoenixFrames.node.ts';

/** Phoenix's own client timings, overridable by tests. */
export const phoenixTimings = {
  heartbeatMs: 30_000,
  pushTimeoutMs: 10_000,
  reconnectAfterMs: (tries: number) =>
    [10, 50, 100, 150, 200, 250, 500, 1000, 2000][tries - 1] ?? 5000,
  rejoinAfterMs: (tries: number) => [1000, 2000, 5000][tries - 1] ?? 10_000,
};

export interface PhoenixOptions {
  /** e.g. wss://api.chategy.io/socket; the client appends /websocket?token=…&vsn=2.0.0. */
  base: string;
  token: string;
  /** Chategy refuses origins it has not allow-listed; from the main process we can name one. */
  origin?: string;
  onRefused(reason: string): void;
  /** A frame that cannot be read: kept with its reason, never thrown inside the client. */
  onBadFrame(reason: string, raw: unknown): void;
}

/** A reply to a push: Phoenix sends `response`, Chategy's samples show `reply`. */
export type PushReply =
  { ok: true; body: unknown } | { ok: false; body: unknown; timeout?: boolean };

/**
 * One Phoenix V2 socket opened from the main process with the `phoenix` client: heartbeats,
 * reconnects and channel rejoins are the library's. What we add: an `Origin` header, and
 * stopping (with a reason in words) when the server refuses the upgrade for good.
 */
export class PhoenixSession {
  readonly #socket: Socket;
  readonly #channels: Channel[] = [];
  #refusals = 0;

  constructor(private readonly options: PhoenixOptions) {
    const origin = options.origin;
    // The phoenix client builds its transport with `new transport(url, protocols)`.
    const transport = origin
      ? class extends WebSocket {
          constructor(url: string, protocols?: string | string[]) {
            super(url, protocols, { headers: { origin } });
          }
        }
      : WebSocket;
    this.#socket = new Socket(toWs(options.base), {
      transport,
      params: () => ({ token: options.token }),
      heartbeatIntervalMs: phoenixTimings.heartbeatMs,
      timeout: phoenixTimings.pushTimeoutMs,
      reconnectAfterMs: phoenixTimings.reconnectAfterMs,
      rejoinAfterMs: phoenixTimings.rejoinAfterMs,
      // Our decoder, not the library's: it throws on a truncated frame (which would stop the
      // core) and keeps integer refs as numbers (which never match the string refs it sent).
      decode: (raw: unknown, callback: (message: unknown) => void) => {
        const decoded = decodePhoenixFrame(raw);
        if (decoded.ok) callback(decoded.message);
        else options.onBadFrame(decoded.reason, raw);
      },
    });
    this.#socket.onOpen(() => {
      this.#refusals = 0;
    });
    this.#socket.onError((error: unknown) => {
      const message = String((error as { message?: unknown } | null)?.message ?? '');
      // ws: "Unexpected server response: 403": a bad token or an origin not allow-listed.
      if (/\b40[13]\b/.test(message) && ++this.#refusals >= 2) {
        this.close();
        options.onRefused(
          'Chategy refused the sign-in connection: the client token is wrong, or this computer’s origin is not allow-listed at Chategy (set “Origin registered with Chategy” in the account).',
        );
      }
    });
    this.#socket.connect();
  }

  join(topic: string, handlers: Record<string, (payload: unknown) => void>): Channel {
    const channel = this.#socket.channel(topic, {});
    for (const [event, handler] of Object.entries(handlers)) channel.on(event, handler);
    channel.join();
    this.#channels.push(channel);
    return channel;
  }

  push(channel: Channel, event: string, payload: object): Promise<PushReply> {
    return new Promise((resolve) => {
      channel
        .push(event, payload)
        .receive('ok', (body: unknown) => resolve({ ok: true, body }))
        .receive('error', (body: unknown) => resolve({ ok: false, body }))
        .receive('timeout', () => resolve({ ok: false, body: null, timeout: true }));
    });
  }

  get connected(): boolean {
    return this.#socket.isConnected();
  }

  close(): void {
    for (const channel of this.#channels.splice(0)) channel.leave();
    this.#socket.disconnect();
  }
}

function toWs(base: string): string {
  return base.replace(/^http(s?):/i, 'ws$1:');
}
