import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

/** Pusher's signature for a private channel: HMAC-SHA256 over "socket_id:channel". */
export function signChannel(
  key: string,
  secret: string,
  socketId: string,
  channel: string,
): string {
  return `${key}:${createHmac('sha256', secret).update(`${socketId}:${channel}`).digest('hex')}`;
}

interface Client {
  ws: WebSocket;
  socketId: string;
  channels: Set<string>;
}

/**
 * A Pusher Channels protocol 7 server, as pusher-js meets it: connection_established with
 * a socket id, ping/pong, subscribe with HMAC-checked private channels, unsubscribe, and
 * double-encoded event data.
 */
export class PusherServer {
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #clients = new Set<Client>();
  /** Frames the server refuses to answer, for liveness tests. */
  silent = false;

  constructor(
    readonly key: string,
    private readonly secret: string,
  ) {
    this.#wss.on('connection', (ws: WebSocket) => this.#accept(ws));
  }

  /** Handles an HTTP upgrade if it is for this app; returns false otherwise. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://x');
    const match = /^\/app\/([^/]+)$/.exec(url.pathname);
    if (!match) return false;
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      if (match[1] !== this.key) {
        ws.send(
          JSON.stringify({
            event: 'pusher:error',
            data: { message: 'App key not in use', code: 4001 },
          }),
        );
        ws.close(4001, 'App key not in use');
        return;
      }
      this.#wss.emit('connection', ws);
    });
    return true;
  }

  get connections(): number {
    return this.#clients.size;
  }

  subscribers(channel: string): number {
    return [...this.#clients].filter((c) => c.channels.has(channel)).length;
  }

  /** Sends an event to every subscriber of a channel. `data` goes out JSON-encoded, as Pusher does. */
  trigger(channel: string, event: string, data: unknown): number {
    const frame = JSON.stringify({
      event,
      channel,
      data: typeof data === 'string' ? data : JSON.stringify(data),
    });
    let sent = 0;
    for (const client of this.#clients) {
      if (client.channels.has(channel) && client.ws.readyState === client.ws.OPEN) {
        client.ws.send(frame);
        sent += 1;
      }
    }
    return sent;
  }

  /** Sends a frame exactly as given, malformed or not. */
  sendRaw(channel: string, frame: string): void {
    for (const client of this.#clients) if (client.channels.has(channel)) client.ws.send(frame);
  }

  /** Kills every socket without a close handshake, like a crashed server or a cut cable. */
  dropAll(): void {
    for (const client of this.#clients) client.ws.terminate();
    this.#clients.clear();
  }

  close(): void {
    this.dropAll();
    this.#wss.close();
  }

  #accept(ws: WebSocket): void {
    const client: Client = {
      ws,
      socketId: `${randomInt(1e9)}.${randomInt(1e9)}`,
      channels: new Set(),
    };
    this.#clients.add(client);
    ws.on('close', () => this.#clients.delete(client));
    ws.on('error', () => this.#clients.delete(client));
    ws.send(
      JSON.stringify({
        event: 'pusher:connection_established',
        data: JSON.stringify({ socket_id: client.socketId, activity_timeout: 120 }),
      }),
    );
    ws.on('message', (raw) => {
      if (this.silent) return;
      let frame: { event?: unknown; data?: unknown };
      try {
        frame = JSON.parse(raw.toString()) as typeof frame;
      } catch {
        return void ws.send(
          JSON.stringify({ event: 'pusher:error', data: { message: 'Invalid JSON', code: 4200 } }),
        );
      }
      const data = (typeof frame.data === 'string' ? JSON.parse(frame.data) : frame.data) as
        { channel?: string; auth?: string } | undefined;
      switch (frame.event) {
        case 'pusher:ping':
          return void ws.send(JSON.stringify({ event: 'pusher:pong', data: {} }));
        case 'pusher:subscribe':
          return this.#subscribe(client, data?.channel, data?.auth);
        case 'pusher:unsubscribe':
          if (data?.channel) client.channels.delete(data.channel);
          return;
      }
    });
  }

  #subscribe(client: Client, channel: string | undefined, auth: string | undefined): void {
    if (!channel) return;
    if (channel.startsWith('private-')) {
      const expected = Buffer.from(signChannel(this.key, this.secret, client.socketId, channel));
      const given = Buffer.from(auth ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        client.ws.send(
          JSON.stringify({
            event: 'pusher:error',
            data: { message: `Invalid signature for ${channel}`, code: 4009 },
          }),
        );
        return;
      }
    }
    client.channels.add(channel);
    client.ws.send(
      JSON.stringify({ event: 'pusher_internal:subscription_succeeded', channel, data: '{}' }),
    );
  }
}
