import type http from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

type Ref = string | number | null;
export type Frame = [Ref, Ref, string, string, Record<string, unknown>];

/** A joined channel on one socket: what the server pushes to. */
export interface ChannelHandle {
  readonly topic: string;
  readonly joinRef: Ref;
  readonly params: URLSearchParams;
  push(event: string, payload: Record<string, unknown>): void;
}

export interface PhoenixHandlers {
  /** Decides the upgrade: false answers 403 with no frames, as Phoenix does. */
  authorize(params: URLSearchParams, origin: string | undefined): boolean;
  /** Returns the join reply; `ok` makes the channel live. */
  join(channel: ChannelHandle): { status: 'ok' | 'error'; response: Record<string, unknown> };
  /** Runs after the join reply went out (Chategy pushes `auth_state` then). */
  joined?(channel: ChannelHandle): void;
  push(
    channel: ChannelHandle,
    event: string,
    payload: Record<string, unknown>,
  ):
    | { status: 'ok' | 'error'; response: Record<string, unknown> }
    | Promise<{ status: 'ok' | 'error'; response: Record<string, unknown> }>;
  left?(channel: ChannelHandle): void;
}

/**
 * A Phoenix Channels server speaking the V2 JSON serializer (`vsn=2.0.0`): 5-element array
 * frames, `phx_join`/`phx_reply`/`phx_leave`/`phx_close`, socket heartbeats on topic
 * `phoenix`, and 403 on a refused upgrade. Malformed frames are dropped, as Phoenix does.
 */
export class PhoenixServer {
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #sockets = new Set<WebSocket>();
  readonly channels = new Set<ChannelHandle>();
  malformedFrames = 0;
  heartbeats = 0;

  /**
   * Phoenix itself echoes refs as the client sent them (strings); Chategy's own samples show
   * integers. `integer` answers the way the samples read, so the client must take both.
   */
  refs: 'string' | 'integer' = 'string';

  constructor(
    private readonly path: string,
    private readonly handlers: PhoenixHandlers,
  ) {}

  /** Sends text as it is to every socket: a truncated or malformed frame, as a broken proxy would. */
  sendRaw(text: string): void {
    for (const ws of this.#sockets) if (ws.readyState === ws.OPEN) ws.send(text);
  }

  attach(server: http.Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (
        url.pathname !== this.path ||
        url.searchParams.get('vsn') !== '2.0.0' ||
        !this.handlers.authorize(url.searchParams, req.headers.origin)
      ) {
        socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        return;
      }
      this.#wss.handleUpgrade(req, socket, head, (ws) => this.#serve(ws, url.searchParams));
    });
  }

  /** Cuts every socket without a close frame, as a network drop would. */
  dropAll(): void {
    for (const ws of this.#sockets) ws.terminate();
  }

  get connections(): number {
    return this.#sockets.size;
  }

  close(): void {
    this.dropAll();
    this.#wss.close();
  }

  #serve(ws: WebSocket, params: URLSearchParams): void {
    this.#sockets.add(ws);
    const joined = new Map<string, ChannelHandle>();
    const asRef = (ref: Ref): Ref =>
      this.refs === 'integer' && typeof ref === 'string' && /^\d+$/.test(ref) ? Number(ref) : ref;
    const send = (frame: Frame) =>
      ws.readyState === ws.OPEN &&
      ws.send(JSON.stringify([asRef(frame[0]), asRef(frame[1]), frame[2], frame[3], frame[4]]));
    ws.on('close', () => {
      this.#sockets.delete(ws);
      for (const channel of joined.values()) {
        this.channels.delete(channel);
        this.handlers.left?.(channel);
      }
    });
    ws.on(
      'message',
      (data) =>
        void (async () => {
          let frame: Frame;
          try {
            frame = JSON.parse(data.toString()) as Frame;
            if (
              !Array.isArray(frame) ||
              frame.length !== 5 ||
              typeof frame[2] !== 'string' ||
              typeof frame[3] !== 'string' ||
              typeof frame[4] !== 'object' ||
              frame[4] === null
            )
              throw new Error('shape');
          } catch {
            this.malformedFrames += 1;
            return;
          }
          const [joinRef, ref, topic, event, payload] = frame;
          const reply = (
            status: 'ok' | 'error',
            response: Record<string, unknown>,
            replyJoinRef: Ref = joinRef,
          ) => send([replyJoinRef, ref, topic, 'phx_reply', { status, response }]);
          if (topic === 'phoenix' && event === 'heartbeat') {
            this.heartbeats += 1;
            return reply('ok', {}, null);
          }
          if (event === 'phx_join') {
            const previous = joined.get(topic);
            if (previous) {
              this.channels.delete(previous);
              send([previous.joinRef, null, topic, 'phx_close', {}]);
            }
            const channel: ChannelHandle = {
              topic,
              joinRef: ref,
              params,
              push: (name, body) => send([ref, null, topic, name, body]),
            };
            const result = this.handlers.join(channel);
            reply(result.status, result.response, ref);
            if (result.status === 'ok') {
              joined.set(topic, channel);
              this.channels.add(channel);
              this.handlers.joined?.(channel);
            }
            return;
          }
          const channel = joined.get(topic);
          // Stale join generation or never joined: Phoenix answers "unmatched topic".
          if (!channel || channel.joinRef !== joinRef)
            return reply('error', { reason: 'unmatched topic' });
          if (event === 'phx_leave') {
            joined.delete(topic);
            this.channels.delete(channel);
            this.handlers.left?.(channel);
            reply('ok', {});
            send([joinRef, null, topic, 'phx_close', {}]);
            return;
          }
          const result = await this.handlers.push(channel, event, payload);
          reply(result.status, result.response);
        })(),
    );
  }
}
