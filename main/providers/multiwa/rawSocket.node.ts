import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { Backoff } from '../backoff.node.ts';
import type { MultiWaAuth } from './config.node.ts';
import type { Realtime, RealtimeHandlers } from './realtime.node.ts';
import { RawFrame } from './wire.node.ts';
import { dispatchEventEnvelope } from './envelopes.node.ts';

export interface RawOptions {
  /** The documented keep-alive: a ping every 30 s. */
  pingIntervalMs?: number;
  /** A pong later than this means the link is dead. */
  pongTimeoutMs?: number;
}

/**
 * The protocol MultiWA documents (seed 003): a plain WebSocket at /ws?apiKey=, `ack` on
 * connect, `subscribe` with a requestId, `ping`/`pong` keep-alive, `event` envelopes.
 * It takes one profile per socket, so each profile gets its own.
 */
export class RawRealtime implements Realtime {
  readonly probe: Promise<boolean>;
  #resolveProbe!: (ok: boolean) => void;
  readonly #links = new Map<string, RawLink>();
  #connectedOnce = false;
  /** Profiles whose socket has been up before: their next "up" is a reconnect. */
  readonly #upBefore = new Set<string>();

  constructor(
    private readonly url: string,
    private readonly auth: MultiWaAuth,
    private readonly profiles: () => string[],
    private readonly on: RealtimeHandlers,
    private readonly options: RawOptions = {},
  ) {
    this.probe = new Promise((resolve) => (this.#resolveProbe = resolve));
  }

  start(): void {
    for (const profileId of this.profiles()) {
      const link = new RawLink(
        this.url,
        this.auth,
        profileId,
        this.on,
        this.options,
        (up, reason, delay, attempt) => this.#linkState(profileId, up, reason, delay, attempt),
      );
      this.#links.set(profileId, link);
      link.start();
    }
    if (this.#links.size === 0) this.#resolveProbe(false);
  }

  stop(): void {
    for (const link of this.#links.values()) link.stop();
    this.#links.clear();
  }

  #linkState(
    profileId: string,
    up: boolean,
    reason?: string,
    delay?: number,
    attempt?: number,
  ): void {
    if (up) {
      const reconnect = this.#upBefore.has(profileId);
      this.#upBefore.add(profileId);
      this.#connectedOnce = true;
      this.#resolveProbe(true);
      if ([...this.#links.values()].every((l) => l.up)) this.on.state({ state: 'online' });
      // Only this profile's events were missed while its socket was down.
      this.on.connected(reconnect, [profileId]);
      return;
    }
    if (!this.#connectedOnce) this.#resolveProbe(false);
    this.on.state(
      {
        state: 'reconnecting',
        nextAttemptAt: Date.now() + (delay ?? 0),
        attempt: attempt ?? 1,
        ...(reason ? { reason } : {}),
      },
      [profileId],
    );
  }
}

class RawLink {
  up = false;
  #ws: WebSocket | undefined;
  #ping: NodeJS.Timeout | undefined;
  #pongDeadline: NodeJS.Timeout | undefined;
  #retry: NodeJS.Timeout | undefined;
  #stopped = false;
  #subscribeSent = false;
  readonly #backoff = new Backoff();

  constructor(
    private readonly url: string,
    private readonly auth: MultiWaAuth,
    private readonly profileId: string,
    private readonly on: RealtimeHandlers,
    private readonly options: RawOptions,
    private readonly report: (
      up: boolean,
      reason?: string,
      delay?: number,
      attempt?: number,
    ) => void,
  ) {}

  start(): void {
    this.#stopped = false;
    this.#connect();
  }

  stop(): void {
    this.#stopped = true;
    this.#clearTimers();
    clearTimeout(this.#retry);
    this.#ws?.removeAllListeners();
    this.#ws?.terminate();
  }

  #connect(): void {
    const query = this.auth.apiKey
      ? `apiKey=${encodeURIComponent(this.auth.apiKey)}`
      : `token=${encodeURIComponent(this.auth.jwt ?? '')}`;
    this.#subscribeSent = false;
    const ws = new WebSocket(`${this.url}${this.url.includes('?') ? '&' : '?'}${query}`, {
      handshakeTimeout: 10_000,
    });
    this.#ws = ws;
    ws.on('message', (data) => this.#onFrame(data.toString()));
    ws.on('close', (code, reason) =>
      this.#fail(`the socket closed (${code}${reason.length ? ` ${reason.toString()}` : ''})`),
    );
    ws.on('error', (error) => this.#fail(error.message));
    ws.on('unexpected-response', (_req, res) =>
      this.#fail(
        res.statusCode === 401
          ? 'the server refused the API key'
          : `the server answered ${res.statusCode}`,
      ),
    );
  }

  #send(frame: Record<string, unknown>): void {
    if (this.#ws?.readyState === WebSocket.OPEN) this.#ws.send(JSON.stringify(frame));
  }

  #onFrame(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return this.on.malformed('a frame that is not JSON', text, this.profileId);
    }
    const frame = RawFrame.safeParse(json);
    if (!frame.success)
      return this.on.malformed('a frame without a known type', json, this.profileId);
    const payload = frame.data.payload as Record<string, unknown> | undefined;
    switch (frame.data.type) {
      case 'ack':
        // Each socket subscribes once and comes up once: a repeated acknowledgement must not
        // re-run the after-connect sync or start a second ping timer.
        if (payload?.action === undefined && !this.#subscribeSent) this.#subscribe();
        else if (payload?.action === 'subscribed' && !this.up) this.#onSubscribed();
        return;
      case 'pong':
        clearTimeout(this.#pongDeadline);
        this.#pongDeadline = undefined;
        return;
      case 'error':
        return this.on.log.warn(`MultiWA socket error for ${this.profileId}`, { payload });
      case 'event':
        return dispatchEventEnvelope(frame.data.payload, this.profileId, this.on);
    }
  }

  #subscribe(): void {
    this.#subscribeSent = true;
    this.#send({
      type: 'subscribe',
      payload: { profileId: this.profileId, events: ['*'] },
      requestId: `sub_${randomUUID()}`,
    });
  }

  #onSubscribed(): void {
    this.up = true;
    this.#backoff.reset();
    const interval = this.options.pingIntervalMs ?? 30_000;
    this.#ping = setInterval(() => {
      this.#send({ type: 'ping', requestId: `ping_${Date.now()}` });
      this.#pongDeadline ??= setTimeout(() => {
        this.#ws?.terminate();
        this.#fail('no pong from the server: the link is dead');
      }, this.options.pongTimeoutMs ?? 10_000);
    }, interval);
    this.report(true);
  }

  #clearTimers(): void {
    clearInterval(this.#ping);
    clearTimeout(this.#pongDeadline);
    this.#ping = undefined;
    this.#pongDeadline = undefined;
  }

  #fail(reason: string): void {
    if (this.#stopped || this.#retry) return;
    this.up = false;
    this.#clearTimers();
    this.#ws?.removeAllListeners();
    this.#ws?.on('error', () => undefined);
    this.#ws?.terminate();
    this.#ws = undefined;
    const delay = this.#backoff.next();
    this.report(false, reason, delay, this.#backoff.attempt);
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      if (!this.#stopped) this.#connect();
    }, delay);
  }
}
