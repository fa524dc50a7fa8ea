import type { ProviderEvent, MessageRef } from '../../../shared/model/events.std.ts';
import {
  type LoginMethod,
  type LoginState,
  type LoginStep,
  loginSaid,
} from '../../../shared/model/login.std.ts';
import { SwitchboardError } from '../../../shared/ipc/errors.std.ts';
import { StartLoop } from '../startLoop.node.ts';
import { toSendFailure } from '../errors.node.ts';
import {
  SendFailure,
  type LoginDriver,
  type ProviderConnection,
  type ProviderContext,
  type SendRequest,
  type SendResult,
  type WebhookSink,
} from '../plugin.node.ts';
import { MaytapiApi } from './api.node.ts';
import { configOf } from './config.node.ts';
import { loginOf } from './mapping.node.ts';
import { meaningOf } from './webhookMapping.node.ts';
import { words } from '../../../shared/words/coreWords.std.ts';

/** The seed's rule: base64 media only for images under 1 MB; anything else needs a link. */
export const MAX_INLINE_IMAGE = 1024 * 1024;

export const timings = {
  /** While a QR is shown: how often to ask for the status, and to refresh the image. */
  loginPollMs: 3000,
  qrRefreshMs: 5000,
  /** Otherwise, for phones that are not active. */
  idlePollMs: 60_000,
};

/** One QR sign-in of one phone, polled until it ends. */
interface LoginAttempt {
  timer?: NodeJS.Timeout;
  lastQr?: string;
  lastQrAt: number;
  /** Fetch the status (and a fresh QR) now. */
  poke(): void;
}

/**
 * One Maytapi product: each phone is a line. Events arrive only by webhook; QR login is
 * polled. There is no history API, so the cache is the store of record.
 */
export class MaytapiConnection implements ProviderConnection {
  readonly login: LoginDriver;
  readonly webhook: WebhookSink;
  readonly #api: MaytapiApi;
  readonly #phones = new Set<string>();
  readonly #logins = new Map<string, LoginAttempt>();
  #idlePoll: NodeJS.Timeout | undefined;

  constructor(private readonly context: ProviderContext) {
    const config = configOf(context.config);
    this.#api = new MaytapiApi(
      config.apiBase,
      config.productId,
      context.secrets.get('apiKey') ?? '',
    );
    this.login = {
      methods: ['qr'] as LoginMethod[],
      start: (line) => this.#startLogin(line),
      submit: (_line: string, _step: LoginStep) =>
        Promise.reject(
          new SwitchboardError('invalid_request', 'Maytapi phones sign in by QR code only.'),
        ),
      cancel: async (line) => {
        this.#stopLogin(line);
        return this.#refreshStatus(line);
      },
      logout: (line) => this.#logout(line),
    };
    this.webhook = {
      receive: (body) => this.#receive(body),
      registered: async () => (await this.#api.product()).webhook,
      register: async (url) => {
        await this.#api.setWebhook(url);
        // Receipts are off until asked for; without them no tick would ever move.
        await this.#api.setAckPreference(true);
      },
    };
  }

  readonly #starting = new StartLoop({
    attempt: () => this.#discoverPhones(),
    started: () => {
      this.#emit({ kind: 'connection', state: { state: 'online' } });
      this.#idlePoll = setInterval(() => void this.#pollInactive(), timings.idlePollMs);
    },
    report: (state) => this.#emit({ kind: 'connection', state }),
  });

  start(): Promise<void> {
    return this.#starting.start();
  }

  async stop(): Promise<void> {
    this.#starting.stop();
    clearInterval(this.#idlePoll);
    for (const line of [...this.#logins.keys()]) this.#stopLogin(line);
  }

  async addLine(): Promise<void> {
    await this.#api.addPhone();
    await this.#discoverPhones();
  }

  async send(request: SendRequest): Promise<SendResult> {
    const body: Record<string, unknown> = {
      to_number: request.chatId,
      ...(request.replyTo?.provider ? { reply_to: request.replyTo.provider } : {}),
    };
    if (request.attachment) {
      const { mime, data, fileName } = request.attachment;
      if (!mime.startsWith('image/') || data.byteLength > MAX_INLINE_IMAGE) {
        throw new SendFailure(words('maytapi.imagesOnly'), false, undefined, 'media_too_large');
      }
      Object.assign(body, {
        type: 'media',
        message: `data:${mime};base64,${Buffer.from(data).toString('base64')}`,
        filename: fileName,
        ...(request.text ? { text: request.text } : {}),
      });
    } else if (request.location) {
      Object.assign(body, {
        type: 'location',
        latitude: request.location.lat,
        longitude: request.location.lng,
        ...(request.location.name ? { text: request.location.name } : {}),
      });
    } else {
      Object.assign(body, { type: 'text', message: request.text ?? '' });
    }
    try {
      const reply = await this.#api.sendMessage(request.line, body);
      return { ids: { provider: reply.msgId } };
    } catch (error) {
      throw toSendFailure(error);
    }
  }

  async react(line: string, chatId: string, ref: MessageRef, emoji: string | null): Promise<void> {
    if (!ref.provider) throw new Error('the message has no WhatsApp id yet');
    await this.#api
      .sendMessage(line, {
        to_number: chatId,
        type: 'reaction',
        message: emoji ?? '',
        reply_to: ref.provider,
      })
      .catch((e: unknown) => {
        throw toSendFailure(e);
      });
  }

  async deleteForEveryone(line: string, chatId: string, ref: MessageRef): Promise<void> {
    if (!ref.provider) throw new Error('the message has no WhatsApp id yet');
    await this.#api
      .sendMessage(line, { to_number: chatId, type: 'delete', message: ref.provider })
      .catch((e: unknown) => {
        throw toSendFailure(e);
      });
  }

  #emit(event: ProviderEvent): void {
    this.context.emit(event);
  }

  async #discoverPhones(): Promise<void> {
    const unsaid: string[] = [];
    for (const phone of await this.#api.phones()) {
      if (!phone.status) unsaid.push(phone.id);
      const number = phone.number == null ? undefined : String(phone.number);
      this.#phones.add(phone.id);
      this.#emit({
        kind: 'line',
        line: {
          providerLineId: phone.id,
          messenger: 'whatsapp',
          title: phone.name ?? number ?? `Phone ${phone.id}`,
          ...(number ? { phone: number } : {}),
          login: loginOf(phone.status),
        },
      });
    }
    // The seed's older listPhones names no status: ask each such phone, rather than wait a minute.
    for (const line of unsaid)
      await this.#refreshStatus(line).catch((error: unknown) =>
        this.context.log.warn(`status of phone ${line} failed`, { error: String(error) }),
      );
  }

  async #pollInactive(): Promise<void> {
    for (const line of this.#phones)
      if (!this.#logins.has(line)) await this.#refreshStatus(line).catch(() => undefined);
  }

  async #refreshStatus(line: string): Promise<LoginState> {
    const { status } = await this.#api.status(line);
    const attempt = this.#logins.get(line);
    const state: LoginState = status.loggedIn
      ? { state: 'authorized', ...(status.number != null ? { phone: String(status.number) } : {}) }
      : status.isQr
        ? // Only a running attempt fetches QR images; without one, saying "fetching" would hang the screen.
          attempt
          ? loginSaid.connecting(words('login.fetchingQr'))
          : loginOf('qr-code')
        : status.loading
          ? loginSaid.connecting(words('login.sessionStarting'))
          : status.connRetry
            ? loginSaid.connecting(words('login.phoneReconnecting'))
            : loginOf(status.state?.state);
    if (!attempt?.lastQr || state.state !== 'connecting')
      this.#emit({ kind: 'login', line, state });
    return state;
  }

  async #startLogin(line: string): Promise<LoginState> {
    if (!this.#phones.has(line))
      throw new SwitchboardError('not_found', 'This phone is no longer in the Maytapi product.');
    const { status } = await this.#api.status(line).catch((error: unknown) => {
      throw new SwitchboardError(
        'provider',
        error instanceof Error ? error.message : String(error),
      );
    });
    if (status.loggedIn) return this.#refreshStatus(line);
    if (status.state?.state === 'idle') await this.#api.redeploy(line);
    this.#stopLogin(line);
    const attempt: LoginAttempt = { lastQrAt: 0, poke: () => undefined };
    // Each attempt polls on its own; a tick that finds another attempt in its place stops,
    // so an earlier attempt's poller can never keep a stale QR (or its timing) alive.
    const current = () => this.#logins.get(line) === attempt && !this.context.signal.aborted;
    const tick = async () => {
      if (!current()) return;
      try {
        const { status: now } = await this.#api.status(line);
        if (!current()) return;
        if (now.loggedIn) {
          this.#stopLogin(line);
          this.#emit({
            kind: 'login',
            line,
            state: {
              state: 'authorized',
              ...(now.number != null ? { phone: String(now.number) } : {}),
            },
          });
          return;
        }
        if (now.state?.state === 'idle') {
          this.#stopLogin(line);
          this.#emit({ kind: 'login', line, state: loginOf('idle') });
          return;
        }
        if (now.isQr && Date.now() - attempt.lastQrAt >= timings.qrRefreshMs - 50)
          await this.#showQr(line, attempt);
      } catch (error) {
        this.context.log.warn(`status of phone ${line} failed`, { error: String(error) });
      }
      if (current()) attempt.timer = setTimeout(() => void tick(), timings.loginPollMs);
    };
    attempt.poke = () => {
      clearTimeout(attempt.timer);
      attempt.lastQrAt = 0;
      attempt.timer = setTimeout(() => void tick(), 0);
    };
    this.#logins.set(line, attempt);
    attempt.timer = setTimeout(() => void tick(), 0);
    const waiting: LoginState = loginSaid.connecting(words('login.fetchingQr'));
    this.#emit({ kind: 'login', line, state: waiting });
    return waiting;
  }

  async #showQr(line: string, attempt: LoginAttempt): Promise<void> {
    const image = await this.#api.qrCode(line);
    if (this.#logins.get(line) !== attempt) return;
    const dataUrl = `data:${image.mime};base64,${image.data.toString('base64')}`;
    attempt.lastQrAt = Date.now();
    if (attempt.lastQr === dataUrl) return;
    attempt.lastQr = dataUrl;
    this.#emit({
      kind: 'login',
      line,
      state: {
        state: 'qr',
        qr: { kind: 'image', dataUrl },
        expiresAt: Date.now() + timings.qrRefreshMs,
      },
    });
  }

  #stopLogin(line: string): void {
    const login = this.#logins.get(line);
    if (login) clearTimeout(login.timer);
    this.#logins.delete(line);
  }

  /** A status webhook: a phone that shows a QR again gets a fresh image at once, not at the next refresh. */
  #statusChanged(line: string, status: string): void {
    const attempt = this.#logins.get(line);
    if (status === 'qr-code') {
      if (!attempt) {
        void this.#startLogin(line).catch(() => undefined);
        return;
      }
      attempt.poke();
      if (!attempt.lastQr)
        this.#emit({ kind: 'login', line, state: loginSaid.connecting(words('login.fetchingQr')) });
      return;
    } else if (status === 'active' || status === 'idle' || status === 'disabled') {
      this.#stopLogin(line);
    }
    this.#emit({ kind: 'login', line, state: loginOf(status) });
  }

  async #logout(line: string): Promise<LoginState> {
    this.#stopLogin(line);
    await this.#api.logout(line).catch((error: unknown) => {
      throw new SwitchboardError(
        'provider',
        error instanceof Error ? error.message : String(error),
      );
    });
    const state: LoginState = loginSaid.loggedOut(words('login.signedOutHere'));
    this.#emit({ kind: 'login', line, state });
    return state;
  }

  /** One webhook delivery, read by `meaningOf`; its events go out, a phone's status is followed. */
  #receive(raw: unknown): { accepted: number; rejected: number } {
    const meaning = meaningOf(raw, this.#phones);
    for (const { reason, raw: item } of meaning.rejected)
      this.context.quarantine('webhook', reason, item);
    for (const event of meaning.events) this.#emit(event);
    for (const { phoneId, status } of meaning.phoneStatus) this.#statusChanged(phoneId, status);
    return { accepted: meaning.accepted, rejected: meaning.rejected.length };
  }
}
