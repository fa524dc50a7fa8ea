import type { Channel } from 'phoenix';
import {
  type LoginMethod,
  type LoginState,
  type LoginStep,
  loginSaid,
} from '../../../shared/model/login.std.ts';
import { SwitchboardError } from '../../../shared/ipc/errors.std.ts';
import type { LoginDriver } from '../plugin.node.ts';
import { ChategyRequestError, wordsOf, type ChategyApi } from './api.node.ts';
import type { ChategyConfig } from './config.node.ts';
import { PhoenixSession, type PushReply } from './phoenix.node.ts';
import { TelegramAuthState, WhatsAppAuthState } from './wire.node.ts';
import { words } from '../../../shared/words/coreWords.std.ts';

/**
 * The seed's `send_phone` payload key is garbled by machine translation ("telemon"); MAX's
 * REST twin uses `phone`, so this assumes `phone`. Correct it here if the live server differs.
 */
export const TELEGRAM_PHONE_KEY = 'phone';

/** A WhatsApp pairing code lives ~30–40 s; the server pushes a fresh one before that. */
const QR_LIFETIME_MS = 30_000;

export const TELEGRAM_TOPIC = 'room:v1:telegram:auth';
export const whatsAppTopic = (customerId: string) => `room:v1:whats_app:auth:${customerId}`;

export function telegramLoginOf(status: string): LoginState | null {
  switch (status) {
    case 'wait_phone':
      return { state: 'phone' };
    case 'wait_code':
      return { state: 'code' };
    case 'wait_password':
      return { state: 'password' };
    case 'authorized':
      return { state: 'authorized' };
    default:
      return null;
  }
}

interface Deps {
  config: ChategyConfig;
  token: string;
  api: ChategyApi;
  emit(line: string, state: LoginState): void;
  warn(message: string, detail?: Record<string, unknown>): void;
  quarantine(reason: string, raw: unknown): void;
}

/**
 * WhatsApp (QR) and Telegram (phone → code → password) sign in over Chategy's Phoenix
 * sockets; MAX over REST. `auth_state` pushes are the single source of truth: requests only
 * get an acknowledgement or a 422 to show on the step.
 */
export class ChategyLogins implements LoginDriver {
  readonly methods: readonly LoginMethod[] = ['qr', 'phone'];
  #whatsapp: { session: PhoenixSession; lastQr?: string } | undefined;
  #telegram:
    | {
        session: PhoenixSession;
        channel: Channel;
        state: LoginState;
        waiters: ((s: LoginState) => void)[];
      }
    | undefined;
  #max: LoginState = { state: 'unknown' };

  constructor(private readonly deps: Deps) {}

  async start(line: string, method: LoginMethod): Promise<LoginState> {
    if (line === 'whatsapp') {
      if (method !== 'qr')
        throw new SwitchboardError('invalid_request', words('chategy.whatsappByQr'));
      return this.#startWhatsApp();
    }
    if (method !== 'phone')
      throw new SwitchboardError('invalid_request', words('chategy.phoneAndCode'));
    if (line === 'tdlib') return this.#startTelegram();
    if (line === 'max') return this.#emit('max', (this.#max = { state: 'phone' }));
    throw new SwitchboardError('invalid_request', words('chategy.signedInInCabinet'));
  }

  async submit(line: string, step: LoginStep): Promise<LoginState> {
    if (line === 'tdlib') return this.#submitTelegram(step);
    if (line === 'max') return this.#submitMax(step);
    throw new SwitchboardError('invalid_request', 'WhatsApp signs in by QR code only.');
  }

  async cancel(line: string): Promise<LoginState> {
    if (line === 'whatsapp') {
      this.#closeWhatsApp();
      if (this.deps.api.hasDeveloperKey) {
        await this.deps.api
          .deleteContainerSession(this.deps.config.customerId)
          .catch((error: unknown) =>
            this.deps.warn('could not abort the WhatsApp pairing', { error: String(error) }),
          );
      }
    }
    if (line === 'tdlib') this.#closeTelegram();
    if (line === 'max') this.#max = { state: 'logged_out' };
    return this.#emit(line, { state: 'logged_out' });
  }

  async logout(line: string): Promise<LoginState> {
    if (line === 'tdlib') {
      const telegram = this.#telegram ?? this.#openTelegram(false);
      const reply = await telegram.session.push(telegram.channel, 'reset', {});
      this.#closeTelegram();
      if (!reply.ok)
        throw new SwitchboardError(
          'provider',
          reasonOf(reply) ?? words('chategy.telegramNotSignedOut'),
        );
      // After a reset TDLib waits for a phone number: the next step is to enter one.
      return this.#emit(line, { state: 'phone' });
    } else if (line === 'max') {
      await this.deps.api.maxCloseSession().catch((error: unknown) => {
        // Nothing to close is what the user wanted anyway.
        if (!(error instanceof ChategyRequestError && error.status === 422))
          throw new SwitchboardError('provider', messageOf(error));
      });
    } else if (line === 'whatsapp') {
      throw new SwitchboardError('provider', words('chategy.whatsappLogoutOnPhone'));
    }
    return this.#emit(line, loginSaid.loggedOut(words('login.signedOutHere')));
  }

  /** Whether a sign-in is under way on the line (a session read must not overwrite it). */
  busy(line: string): boolean {
    if (line === 'whatsapp') return this.#whatsapp !== undefined;
    if (line === 'tdlib') return this.#telegram !== undefined;
    return line === 'max' && (this.#max.state === 'phone' || this.#max.state === 'code');
  }

  /** The `whatsapp_log_in` / `whatsapp_log_out` webhooks end a pairing as the socket would. */
  whatsAppSignedIn(): void {
    this.#closeWhatsApp();
  }

  close(): void {
    this.#closeWhatsApp();
    this.#closeTelegram();
  }

  #emit(line: string, state: LoginState): LoginState {
    this.deps.emit(line, state);
    return state;
  }

  #session(base: string, line: string): PhoenixSession {
    return new PhoenixSession({
      base,
      token: this.deps.token,
      ...(this.deps.config.socketOrigin ? { origin: this.deps.config.socketOrigin } : {}),
      onRefused: (reason) => {
        if (line === 'whatsapp') this.#whatsapp = undefined;
        else this.#telegram = undefined;
        this.#emit(line, { state: 'error', reason, retryable: true });
      },
      onBadFrame: (reason, raw) => this.deps.quarantine(`sign-in socket sent ${reason}`, raw),
    });
  }

  #startWhatsApp(): LoginState {
    this.#closeWhatsApp();
    const session = this.#session(this.deps.config.whatsappSocket, 'whatsapp');
    const pairing: { session: PhoenixSession; lastQr?: string } = { session };
    this.#whatsapp = pairing;
    session.join(whatsAppTopic(this.deps.config.customerId), {
      auth_state: (payload) => {
        if (this.#whatsapp !== pairing) return;
        const state = WhatsAppAuthState.safeParse(payload);
        if (!state.success)
          return this.deps.warn('WhatsApp auth_state not understood', { payload });
        if (state.data.auth === true) {
          this.#closeWhatsApp();
          this.#emit('whatsapp', { state: 'authorized' });
        } else if (state.data.in_progress) {
          // The phone scanned the code: it stays on screen, marked as being scanned, as
          // WhatsApp's own linking screen does, rather than vanishing behind "connecting".
          const qr = state.data.qr_code ?? pairing.lastQr;
          if (qr)
            this.#emit('whatsapp', { state: 'qr', qr: { kind: 'raw', value: qr }, scanning: true });
          else this.#emit('whatsapp', loginSaid.connecting(words('login.linkingPhone')));
        } else if (state.data.qr_code && state.data.qr_code !== pairing.lastQr) {
          // Codes may come every few hundred ms: only a changed one is shown.
          pairing.lastQr = state.data.qr_code;
          this.#emit('whatsapp', {
            state: 'qr',
            qr: { kind: 'raw', value: state.data.qr_code },
            expiresAt: Date.now() + QR_LIFETIME_MS,
          });
        }
        // {auth:false, qr_code:null}: the container is still starting; keep waiting.
      },
    });
    return this.#emit('whatsapp', loginSaid.connecting(words('login.preparingQr')));
  }

  #closeWhatsApp(): void {
    this.#whatsapp?.session.close();
    this.#whatsapp = undefined;
  }

  /** `signIn`: the socket closes itself once authorized; a logout keeps it for the `reset`. */
  #openTelegram(signIn = true) {
    this.#closeTelegram();
    const session = this.#session(this.deps.config.telegramSocket, 'tdlib');
    const telegram = {
      session,
      state: { state: 'connecting' } as LoginState,
      waiters: [] as ((s: LoginState) => void)[],
      channel: undefined as unknown as Channel,
    };
    telegram.channel = session.join(TELEGRAM_TOPIC, {
      auth_state: (payload) => {
        if (this.#telegram !== telegram) return;
        const parsed = TelegramAuthState.safeParse(payload);
        const state = parsed.success ? telegramLoginOf(parsed.data.status) : null;
        if (!state) return this.deps.warn('Telegram auth_state not understood', { payload });
        telegram.state = state;
        for (const wake of telegram.waiters.splice(0)) wake(state);
        this.#emit('tdlib', state);
        if (state.state === 'authorized' && signIn) this.#closeTelegram();
      },
    });
    this.#telegram = telegram;
    return telegram;
  }

  #startTelegram(): LoginState {
    this.#openTelegram();
    return this.#emit('tdlib', loginSaid.connecting(words('login.connectingTelegram')));
  }

  async #submitTelegram(step: LoginStep): Promise<LoginState> {
    // The account read may show a step (tdlib_session 0–2) with no socket open here: open it,
    // and let its first auth_state (the step the server is at) pass before answering it.
    let telegram = this.#telegram;
    if (!telegram) {
      const opened = this.#openTelegram();
      telegram = opened;
      await new Promise<void>((resolve) => {
        opened.waiters.push(() => resolve());
        setTimeout(resolve, 5000).unref();
      });
    }
    const [event, payload] =
      step.step === 'phone'
        ? ['send_phone', { [TELEGRAM_PHONE_KEY]: normalizePhone(step.phone) }]
        : step.step === 'code'
          ? ['send_code', { code: step.code.trim() }]
          : ['send_password', { password: step.password }];
    const next = new Promise<LoginState>((resolve) => {
      telegram.waiters.push(resolve);
      setTimeout(() => resolve(telegram.state), 5000).unref();
    });
    const reply = await telegram.session.push(telegram.channel, event, payload);
    if (!reply.ok) {
      telegram.waiters.length = 0;
      const error = reply.timeout
        ? 'Chategy did not answer. Check the connection and try again.'
        : (reasonOf(reply) ?? 'Chategy refused this step.');
      const state: LoginState =
        step.step === 'phone'
          ? { state: 'phone', error }
          : step.step === 'code'
            ? { state: 'code', error }
            : { state: 'password', error };
      return this.#emit('tdlib', state);
    }
    return next;
  }

  #closeTelegram(): void {
    this.#telegram?.session.close();
    this.#telegram = undefined;
  }

  async #submitMax(step: LoginStep): Promise<LoginState> {
    try {
      if (step.step === 'phone') {
        await this.deps.api.maxSendPhone(normalizePhone(step.phone));
        return this.#emit('max', (this.#max = { state: 'code', phone: step.phone }));
      }
      if (step.step === 'code') {
        await this.deps.api.maxSendCode(step.code.trim());
        return this.#emit('max', (this.#max = { state: 'authorized' }));
      }
    } catch (error) {
      if (error instanceof ChategyRequestError && error.status === 422) {
        const state: LoginState =
          step.step === 'phone'
            ? { state: 'phone', error: error.message }
            : {
                state: 'code',
                error: error.message,
                ...(this.#max.state === 'code' && this.#max.phone
                  ? { phone: this.#max.phone }
                  : {}),
              };
        return this.#emit('max', (this.#max = state));
      }
      throw new SwitchboardError('provider', messageOf(error));
    }
    throw new SwitchboardError('invalid_request', words('chategy.maxNoPassword'));
  }
}

function normalizePhone(phone: string): string {
  return phone.replace(/[^\d]/g, '');
}

/** The 422 inside a Phoenix reply: `{"meta":{"code":422,"errors":{"base":["invalid phone"]}}}`. */
function reasonOf(reply: PushReply): string | undefined {
  const body = reply.body as {
    meta?: { errors?: Record<string, string[]>; message?: string };
    reason?: string;
  } | null;
  return (body?.meta?.errors && wordsOf(body.meta.errors)) ?? body?.meta?.message ?? body?.reason;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
