import Pusher, { type Channel } from 'pusher-js';
import type { ConnectionState } from '../../../shared/model/connection.std.ts';
import type { Logger } from '../plugin.node.ts';
import net from 'node:net';
import { Backoff } from '../backoff.node.ts';

export interface RealtimeOptions {
  appKey: string;
  host: string;
  port: number;
  tls: boolean;
  channels: () => string[];
  /** Signs a private channel for this socket (ChatApp's /broadcasting/auth). */
  authorize(socketId: string, channel: string): Promise<{ auth: string }>;
  onEvent(channel: string, event: string, data: unknown): void;
  onState(state: ConnectionState): void;
  /** After every successful (re)connection; `reconnect` is false the first time. */
  onConnected(reconnect: boolean): void;
  log: Logger;
  random?: () => number;
}

export const socketTimings = {
  unavailableMs: 2000,
  /** After a ping (sent when the socket is idle), how long a pong may take before the socket counts as dead. */
  pongMs: 5000,
};

/**
 * The Pusher connection, driven by pusher-js. Reconnection is ours: after any drop the
 * socket is rebuilt with exponential backoff and jitter, and the UI learns when the next
 * attempt is due. Every (re)connection re-authorizes every channel with the current token.
 */
export class Realtime {
  #pusher: Pusher | undefined;
  readonly #backoff: Backoff;
  #timer: NodeJS.Timeout | undefined;
  #connectedOnce = false;
  #stopped = false;

  constructor(private readonly options: RealtimeOptions) {
    this.#backoff = new Backoff(1000, 60_000, options.random);
  }

  start(): void {
    this.#stopped = false;
    this.#connect();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#teardown();
  }

  /** Subscribes channels added since (e.g. a new line). */
  refreshChannels(): void {
    const pusher = this.#pusher;
    if (pusher?.connection.state === 'connected')
      for (const name of this.options.channels()) this.#subscribe(pusher, name);
  }

  #connect(): void {
    const { options } = this;
    options.onState(
      this.#connectedOnce
        ? { state: 'reconnecting', nextAttemptAt: Date.now(), attempt: this.#backoff.attempt }
        : { state: 'connecting' },
    );
    const pusher = new Pusher(options.appKey, {
      cluster: 'mt1',
      wsHost: options.host,
      wsPort: options.port,
      wssPort: options.port,
      forceTLS: options.tls,
      enabledTransports: options.tls ? ['wss'] : ['ws'],
      disableStats: true,
      // A socket that does not come up within this is given up and retried by our backoff:
      // 2 s, not pusher-js's 8, so a dead connection is noticed about as fast as WhatsApp does.
      unavailableTimeout: socketTimings.unavailableMs,
      pongTimeout: socketTimings.pongMs,
      channelAuthorization: {
        transport: 'ajax',
        endpoint: '',
        customHandler: ({ socketId, channelName }, callback) => {
          options.authorize(socketId, channelName).then(
            (answer) => callback(null, answer),
            (error: Error) => callback(error, null),
          );
        },
      },
    });
    this.#pusher = pusher;
    pusher.connection.bind('connected', () => {
      if (this.#pusher !== pusher) return;
      const reconnect = this.#connectedOnce;
      this.#connectedOnce = true;
      this.#backoff.reset();
      options.onState({ state: 'online' });
      for (const name of options.channels()) this.#subscribe(pusher, name);
      options.onConnected(reconnect);
    });
    pusher.connection.bind(
      'state_change',
      ({ previous, current }: { previous: string; current: string }) => {
        if (this.#pusher !== pusher || this.#stopped) return;
        // A live socket dropped: pusher-js would wait a second, then try for its whole
        // unavailable timeout; our own schedule (with a reachability probe) is quicker.
        if (previous === 'connected' && current === 'connecting')
          return this.#retry('connection lost');
        if (current === 'unavailable' || current === 'failed' || current === 'disconnected')
          this.#retry(`the socket is ${current}`);
      },
    );
    pusher.connection.bind('error', (error: unknown) =>
      options.log.warn('socket error', { error: describeSocketError(error) }),
    );
  }

  #subscribe(pusher: Pusher, name: string): void {
    if (pusher.channel(name)?.subscribed) return;
    const channel: Channel = pusher.subscribe(name);
    channel.unbind_all();
    channel.bind_global((event: string, data: unknown) => {
      if (event.startsWith('pusher:') || event.startsWith('pusher_internal:')) return;
      this.options.onEvent(name, event, data);
    });
    channel.bind(
      'pusher:subscription_error',
      (error: { type?: string; error?: string; status?: number }) => {
        const refused =
          error.status === 401 ||
          error.status === 403 ||
          /sign in|refused/i.test(error.error ?? '');
        this.options.log.warn(`subscription to ${name} failed`, {
          status: error.status,
          error: error.error,
        });
        if (refused)
          this.options.onState({
            state: 'auth_error',
            reason: error.error ?? 'ChatApp refused the channel sign-in.',
          });
      },
    );
  }

  #retry(reason: string): void {
    if (this.#stopped || this.#timer) return;
    this.#teardown();
    const delay = this.#backoff.next();
    this.options.onState({
      state: 'reconnecting',
      nextAttemptAt: Date.now() + delay,
      attempt: this.#backoff.attempt,
      reason,
    });
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (!this.#stopped) void this.#probeThenConnect();
    }, delay);
  }

  /**
   * pusher-js says nothing when a connection is refused; it waits out its unavailable
   * timeout. A TCP probe first tells "the server is not there yet" in milliseconds, so the
   * socket is opened again the moment the server returns.
   */
  async #probeThenConnect(): Promise<void> {
    const up = await reachable(this.options.host, this.options.port, socketTimings.unavailableMs);
    if (this.#stopped || this.#timer) return;
    if (up) this.#connect();
    else this.#retry('the socket server does not answer');
  }

  #teardown(): void {
    const pusher = this.#pusher;
    this.#pusher = undefined;
    if (!pusher) return;
    pusher.connection.unbind_all();
    pusher.disconnect();
  }
}

/** pusher-js errors may wrap transport objects with cycles: describe, never serialize them. */
export function describeSocketError(error: unknown): string {
  const e = error as {
    type?: unknown;
    error?: { type?: unknown; data?: { code?: unknown; message?: unknown } };
    data?: { code?: unknown; message?: unknown };
    message?: unknown;
  } | null;
  const parts = [
    e?.type,
    e?.error?.type,
    e?.data?.code ?? e?.error?.data?.code,
    e?.data?.message ?? e?.error?.data?.message ?? e?.message,
  ];
  return (
    parts.filter((p) => typeof p === 'string' || typeof p === 'number').join(' ') || String(error)
  );
}

/** Whether a TCP connection to host:port opens within `timeoutMs`. */
function reachable(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.removeAllListeners();
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
