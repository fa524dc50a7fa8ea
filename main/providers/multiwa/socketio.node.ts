import { io, type Socket } from 'socket.io-client';
import { Backoff } from '../backoff.node.ts';
import type { MultiWaAuth } from './config.node.ts';
import type { Realtime, RealtimeHandlers } from './realtime.node.ts';
import { ConnectionStatus, QrUpdate, SocketAck } from './wire.node.ts';
import { dispatchEventEnvelope, isControlEnvelope } from './envelopes.node.ts';

/**
 * MultiWA's real socket: Socket.IO namespace /ws on the API port. Engine.IO's heartbeat
 * keeps it alive; every (re)connect joins each profile's room again.
 */
export class SocketIoRealtime implements Realtime {
  readonly probe: Promise<boolean>;
  #resolveProbe!: (ok: boolean) => void;
  #socket: Socket | undefined;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  #connectedOnce = false;
  readonly #backoff = new Backoff();

  constructor(
    private readonly baseUrl: string,
    private readonly auth: MultiWaAuth,
    private readonly profiles: () => string[],
    private readonly on: RealtimeHandlers,
  ) {
    this.probe = new Promise((resolve) => (this.#resolveProbe = resolve));
  }

  start(): void {
    this.#stopped = false;
    this.#connect();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#socket?.removeAllListeners();
    this.#socket?.disconnect();
    this.#socket = undefined;
  }

  #connect(): void {
    const socket = io(`${this.baseUrl}/ws`, {
      transports: ['websocket'],
      auth: this.auth.apiKey ? { apiKey: this.auth.apiKey } : { token: this.auth.jwt },
      reconnection: false,
      forceNew: true,
      timeout: 10_000,
    });
    this.#socket = socket;
    socket.on('connect', () => {
      const reconnect = this.#connectedOnce;
      this.#connectedOnce = true;
      this.#backoff.reset();
      this.#resolveProbe(true);
      for (const profileId of this.profiles()) {
        socket.emit(
          'join',
          { profileId },
          (ack: { success?: boolean; error?: string } | undefined) => {
            if (ack && ack.success === false)
              this.on.log.warn(`joining profile ${profileId} refused: ${ack.error}`);
          },
        );
      }
      this.on.state({ state: 'online' });
      this.on.connected(reconnect);
    });
    socket.on('connect_error', (error) => this.#fail(error.message));
    socket.on('disconnect', (reason) => {
      if (reason !== 'io client disconnect')
        this.#fail(
          reason === 'io server disconnect'
            ? 'the server closed the connection (is the API key valid?)'
            : reason,
        );
    });
    socket.on('qr:update', (data: unknown) => {
      const parsed = QrUpdate.safeParse(data);
      if (parsed.success) this.on.qr(parsed.data.profileId, parsed.data.qrCode);
      else this.on.malformed('qr:update without profileId and qrCode', data);
    });
    socket.on('connection:status', (data: unknown) => {
      const parsed = ConnectionStatus.safeParse(data);
      if (!parsed.success)
        return this.on.malformed('connection:status without profileId and status', data);
      const { profileId, status, phoneNumber, phone, reason } = parsed.data;
      this.on.status(profileId, status, phoneNumber ?? phone ?? undefined, reason ?? undefined);
    });
    // The real namespace carries two gateways: the EventsGateway's message rows and the
    // RealtimeGateway's `{type, payload}` envelopes (a connect acknowledgement on every connection).
    socket.on('message', (data: unknown) => {
      const type = (data as { type?: unknown } | null)?.type;
      if (isControlEnvelope(type)) {
        if (type === 'error')
          this.on.log.warn('MultiWA socket said error', {
            payload: (data as { payload?: unknown }).payload,
          });
        return;
      }
      if (type === 'event')
        return dispatchEventEnvelope((data as { payload?: unknown }).payload, undefined, this.on);
      this.on.row(data);
    });
    socket.on('message:ack', (data: unknown) => {
      const parsed = SocketAck.safeParse(data);
      if (parsed.success)
        this.on.ack(parsed.data.profileId, parsed.data.messageId, parsed.data.status, undefined);
      else this.on.malformed('message:ack without messageId and status', data);
    });
  }

  #fail(reason: string): void {
    if (this.#stopped || this.#timer) return;
    const socket = this.#socket;
    this.#socket = undefined;
    socket?.removeAllListeners();
    socket?.disconnect();
    if (!this.#connectedOnce) this.#resolveProbe(false);
    const delay = this.#backoff.next();
    this.on.state({
      state: 'reconnecting',
      nextAttemptAt: Date.now() + delay,
      attempt: this.#backoff.attempt,
      reason,
    });
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (!this.#stopped) this.#connect();
    }, delay);
  }
}
