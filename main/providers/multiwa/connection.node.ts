import type { ProviderEvent, MessageRef } from '../../../shared/model/events.std.ts';
import { retrying } from '../retrying.node.ts';
import {
  type LoginMethod,
  type LoginState,
  type LoginStep,
  loginSaid,
} from '../../../shared/model/login.std.ts';
import { SwitchboardError } from '../../../shared/ipc/errors.std.ts';
import { StartLoop } from '../startLoop.node.ts';
import {
  looksLikeSend,
  type HistorySource,
  type LoginDriver,
  type ProviderConnection,
  type ProviderContext,
  type SendRequest,
  type SendResult,
  type SentQuery,
} from '../plugin.node.ts';
import { MultiWaApi } from './api.node.ts';
import { ProviderUnavailable, toSendFailure } from '../errors.node.ts';
import { configOf, rawSocketUrl, type MultiWaAuth, type MultiWaConfig } from './config.node.ts';
import { chatOf, loginOf, messageOfRow, qrOf, tickOf, typeOf } from './mapping.node.ts';
import type { Realtime, RealtimeHandlers } from './realtime.node.ts';
import { RawRealtime, type RawOptions } from './rawSocket.node.ts';
import { SocketIoRealtime } from './socketio.node.ts';
import {
  RawReceived,
  SocketMessage,
  isWhatsAppId,
  type ConversationRow,
  type MessageRow,
  type Profile,
} from './wire.node.ts';
import { words } from '../../../shared/words/coreWords.std.ts';

const FIRST_SYNC_CHATS = 50;
const FIRST_SYNC_MESSAGES = 30;
const PAGE = 50;
const GAP_PAGES = 20;
const PROBE_TIMEOUT_MS = 8000;
/** If no QR came over the socket by then, ask REST for it. */
const QR_REST_FALLBACK_MS = 3000;

/** Test hook: the documented protocol's keep-alive timings. */
export const rawOptions: RawOptions = {};

/**
 * One MultiWA server: each selected profile is a WhatsApp line. Real-time over MultiWA's
 * Socket.IO gateway or the documented raw protocol (detected, or as configured); REST for
 * profiles, QR login, history, gap-fill and sending.
 */
export class MultiWaConnection implements ProviderConnection {
  readonly login: LoginDriver;
  readonly history: HistorySource;
  readonly #config: MultiWaConfig;
  readonly #auth: MultiWaAuth;
  readonly #api: MultiWaApi;
  readonly #profiles = new Map<string, Profile>();
  /** WhatsApp chat jid → MultiWA conversation id, per profile: history is fetched by the latter. */
  readonly #conversations = new Map<string, string>();
  readonly #lastQr = new Map<string, string>();
  readonly #qrFallback = new Map<string, NodeJS.Timeout>();
  #realtime: Realtime | undefined;
  /** Per profile: when its events stopped arriving (a socket dropped), until it is synced again. */
  readonly #disconnectedAt = new Map<string, number>();

  constructor(private readonly context: ProviderContext) {
    this.#config = configOf(context.config);
    const apiKey = context.secrets.get('apiKey');
    const jwt = context.secrets.get('jwt');
    this.#auth = { ...(apiKey ? { apiKey } : {}), ...(jwt ? { jwt } : {}) };
    this.#api = new MultiWaApi(this.#config.baseUrl, this.#auth);
    this.login = {
      methods: ['qr'] as LoginMethod[],
      start: (line) => this.#startLogin(line),
      submit: (_line: string, _step: LoginStep) =>
        Promise.reject(
          new SwitchboardError('invalid_request', 'MultiWA profiles sign in by QR code only.'),
        ),
      cancel: (line) => this.#logout(line),
      logout: (line) => this.#logout(line),
    };
    this.history = { loadOlder: (line, chatId, before) => this.#loadOlder(line, chatId, before) };
  }

  readonly #starting = new StartLoop({
    attempt: () => this.#discoverProfiles(),
    started: () => this.#startRealtime(),
    report: (state) => this.#emit({ kind: 'connection', state }),
  });

  start(): Promise<void> {
    return this.#starting.start();
  }

  async stop(): Promise<void> {
    this.#starting.stop();
    for (const timer of this.#qrFallback.values()) clearTimeout(timer);
    this.#realtime?.stop();
  }

  async send(request: SendRequest): Promise<SendResult> {
    const base = { profileId: request.line, to: request.chatId };
    try {
      let reply: { messageId: string; status?: string };
      if (request.attachment) {
        const { mime, fileName, data } = request.attachment;
        const kind = mime.startsWith('image/')
          ? 'image'
          : mime.startsWith('video/')
            ? 'video'
            : mime.startsWith('audio/')
              ? 'audio'
              : 'document';
        reply = await this.#api.send(kind, {
          ...base,
          base64: Buffer.from(data).toString('base64'),
          mimetype: mime,
          filename: fileName,
          ...(request.text ? { caption: request.text } : {}),
          ...(request.replyTo?.provider ? { quotedMessageId: request.replyTo.provider } : {}),
        });
      } else if (request.location) {
        reply = await this.#api.send('location', {
          ...base,
          latitude: request.location.lat,
          longitude: request.location.lng,
          ...(request.location.name ? { name: request.location.name } : {}),
        });
      } else {
        reply = await this.#api.send('text', {
          ...base,
          text: request.text ?? '',
          ...(request.replyTo?.provider ? { quotedMessageId: request.replyTo.provider } : {}),
        });
      }
      const ids: MessageRef = isWhatsAppId(reply.messageId)
        ? { provider: reply.messageId }
        : { internal: reply.messageId, ...(await this.#whatsAppIdOf(reply.messageId)) };
      const status = tickOf(reply.status);
      return {
        ids,
        ...(status && status.tick !== 'failed'
          ? { status: status.tick === 'pending' ? { tick: 'pending' } : status }
          : {}),
      };
    } catch (error) {
      throw toSendFailure(error);
    }
  }

  async react(line: string, _chatId: string, ref: MessageRef, emoji: string | null): Promise<void> {
    if (!ref.provider) throw new Error('the message has no WhatsApp id yet');
    try {
      await this.#api.react(line, ref.provider, emoji ?? '');
    } catch (error) {
      throw toSendFailure(error);
    }
  }

  async markRead(line: string, chatId: string, last: MessageRef): Promise<void> {
    await this.#api.markRead(line, chatId, last.provider ? [last.provider] : undefined);
  }

  /**
   * The send reply names MultiWA's record; acks name the WhatsApp message. Look the record
   * up so both ids find the same row (acks that come first wait in the cache meanwhile).
   */
  async #whatsAppIdOf(recordId: string): Promise<{ provider?: string }> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const row = await this.#api.message(recordId).catch(() => undefined);
      if (row?.messageId) return { provider: row.messageId };
      await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
    }
    return {};
  }

  #emit(event: ProviderEvent): void {
    this.context.emit(event);
  }

  async #discoverProfiles(): Promise<void> {
    const wanted = new Set(
      this.#config.profileIds
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
    for (const profile of await this.#api.profiles()) {
      if (wanted.size && !wanted.has(profile.id)) continue;
      this.#profiles.set(profile.id, profile);
      const login = loginOf(profile.status ?? '', profile.phoneNumber) ?? {
        state: 'logged_out' as const,
      };
      this.#emit({
        kind: 'line',
        line: {
          providerLineId: profile.id,
          messenger: 'whatsapp',
          title: profile.displayName ?? profile.name ?? profile.phoneNumber ?? profile.id,
          ...(profile.phoneNumber ? { phone: profile.phoneNumber } : {}),
          login,
        },
      });
    }
  }

  async #startRealtime(): Promise<void> {
    const modes =
      this.#config.realtime === 'auto'
        ? (['socketio', 'raw'] as const)
        : ([this.#config.realtime] as const);
    for (const mode of modes) {
      const realtime =
        mode === 'socketio'
          ? new SocketIoRealtime(
              this.#config.baseUrl,
              this.#auth,
              () => [...this.#profiles.keys()],
              this.#handlers(),
            )
          : new RawRealtime(
              rawSocketUrl(this.#config),
              this.#auth,
              () => [...this.#profiles.keys()],
              this.#handlers(),
              rawOptions,
            );
      this.#realtime = realtime;
      realtime.start();
      if (modes.length === 1) return;
      const works = await Promise.race([
        realtime.probe,
        new Promise<boolean>((r) => setTimeout(() => r(false), PROBE_TIMEOUT_MS)),
      ]);
      if (works || this.context.signal.aborted) {
        this.context.log.info(
          `real-time over ${mode === 'socketio' ? 'Socket.IO' : 'the documented WebSocket protocol'}`,
        );
        return;
      }
      realtime.stop();
    }
    // Neither answered: keep trying both, from the top.
    this.#starting.failed(new ProviderUnavailable(words('multiwa.socketSilent')));
  }

  #handlers(): RealtimeHandlers {
    return {
      log: this.context.log,
      state: (state, profileIds) => {
        if (state.state !== 'online')
          for (const profileId of profileIds ?? [...this.#profiles.keys()])
            if (!this.#disconnectedAt.has(profileId))
              this.#disconnectedAt.set(profileId, Date.now());
        this.#emit({ kind: 'connection', state });
      },
      connected: (reconnect, profileIds) => void this.#afterConnect(reconnect, profileIds),
      qr: (profileId, qr) => {
        if (!this.#profiles.has(profileId) || this.#lastQr.get(profileId) === qr) return;
        this.#lastQr.set(profileId, qr);
        clearTimeout(this.#qrFallback.get(profileId));
        this.#emit({ kind: 'login', line: profileId, state: { state: 'qr', qr: qrOf(qr) } });
      },
      status: (profileId, status, phone, reason) => {
        if (!this.#profiles.has(profileId)) return;
        const login = loginOf(status, phone, reason);
        if (!login)
          return this.context.quarantine(
            'socket',
            `unknown connection status "${status}"`,
            { profileId, status },
            profileId,
          );
        if (login.state !== 'qr') this.#lastQr.delete(profileId);
        this.#emit({ kind: 'login', line: profileId, state: login });
        if (login.state === 'authorized' && phone)
          this.#emit({
            kind: 'line',
            line: { providerLineId: profileId, messenger: 'whatsapp', phone },
          });
      },
      row: (payload) => {
        const parsed = SocketMessage.safeParse(payload);
        if (!parsed.success)
          return this.context.quarantine(
            'socket',
            `message event not understood: ${parsed.error.issues[0]?.message ?? ''}`,
            payload,
          );
        const { message, conversation } = parsed.data;
        const profileId =
          conversation.profileId ?? message.profileId ?? [...this.#profiles.keys()][0]!;
        if (!this.#profiles.has(profileId)) return;
        this.#remember(profileId, conversation);
        this.#emit({
          kind: 'message',
          line: profileId,
          chat: chatOf(conversation),
          message: messageOfRow(message),
        });
      },
      received: (profileId, data) => {
        const parsed = RawReceived.safeParse(data);
        if (!parsed.success)
          return this.context.quarantine(
            'socket',
            'message.received without id, from and timestamp',
            data,
            profileId,
          );
        const m = parsed.data;
        const type = typeOf(m.type);
        this.#emit({
          kind: 'message',
          line: profileId,
          chat: {
            id: m.from,
            ...(m.notifyName ? { title: m.notifyName } : {}),
            ...(m.from.endsWith('@c.us') ? { phone: m.from.split('@')[0]! } : {}),
          },
          message: {
            ids: { provider: m.id },
            direction: m.fromMe ? 'out' : 'in',
            origin: type === 'system' ? 'system' : m.fromMe ? 'phone' : 'contact',
            type,
            ...(m.body ? { text: m.body } : {}),
            time: m.timestamp,
          },
        });
      },
      ack: (profileId, messageId, status, ack) => {
        const tick = tickOf(status, ack);
        if (!tick)
          return this.context.quarantine('socket', `unknown ack status "${status ?? ack}"`, {
            messageId,
            status,
            ack,
          });
        const lines = profileId ? [profileId] : [...this.#profiles.keys()];
        for (const line of lines)
          if (this.#profiles.has(line))
            this.#emit({ kind: 'status', line, ref: { provider: messageId }, status: tick });
      },
      malformed: (reason, raw, profileId) =>
        this.context.quarantine(
          'socket',
          reason,
          raw,
          profileId && this.#profiles.has(profileId) ? profileId : undefined,
        ),
    };
  }

  #remember(profileId: string, conversation: ConversationRow): void {
    this.#conversations.set(`${profileId}\u0000${conversation.jid}`, conversation.id);
  }

  async #conversationIdOf(profileId: string, jid: string): Promise<string | undefined> {
    const key = `${profileId}\u0000${jid}`;
    if (!this.#conversations.has(key)) {
      for (const c of await this.#api.conversations(profileId, 200)) this.#remember(profileId, c);
    }
    return this.#conversations.get(key);
  }

  async #startLogin(line: string): Promise<LoginState> {
    const profile = this.#profiles.get(line);
    if (!profile)
      throw new SwitchboardError(
        'not_found',
        'This profile is not on the MultiWA server any more.',
      );
    const reply = (await this.#api.connect(line).catch((error: unknown) => {
      throw new SwitchboardError(
        'provider',
        error instanceof Error ? error.message : String(error),
      );
    })) as { status?: string; data?: { status?: string } } | undefined;
    const status = reply?.status ?? reply?.data?.status;
    if (status === 'already_connected') {
      const state: LoginState = {
        state: 'authorized',
        ...(profile.phoneNumber ? { phone: profile.phoneNumber } : {}),
      };
      this.#emit({ kind: 'login', line, state });
      return state;
    }
    const waiting: LoginState = loginSaid.connecting(words('login.waitingQr'));
    this.#emit({ kind: 'login', line, state: waiting });
    this.#lastQr.delete(line);
    if (profile.accountId) {
      clearTimeout(this.#qrFallback.get(line));
      this.#qrFallback.set(
        line,
        setTimeout(() => {
          void this.#api.qr(profile.accountId!, line).then(
            (qr) => {
              if (qr && !this.#lastQr.has(line)) this.#handlers().qr(line, qr);
            },
            () => undefined,
          );
        }, QR_REST_FALLBACK_MS),
      );
    }
    return waiting;
  }

  async #logout(line: string): Promise<LoginState> {
    clearTimeout(this.#qrFallback.get(line));
    await this.#api.disconnect(line).catch((error: unknown) => {
      throw new SwitchboardError(
        'provider',
        error instanceof Error ? error.message : String(error),
      );
    });
    const state: LoginState = loginSaid.loggedOut(words('login.signedOutHere'));
    this.#emit({ kind: 'login', line, state });
    return state;
  }

  async #afterConnect(reconnect: boolean, profileIds?: readonly string[]): Promise<void> {
    for (const profileId of profileIds ?? [...this.#profiles.keys()]) {
      if (this.context.signal.aborted) return;
      if (!this.#profiles.has(profileId)) continue;
      const since = this.#disconnectedAt.get(profileId);
      this.#disconnectedAt.delete(profileId);
      try {
        const known = this.context.cache.activeChats(profileId, 1).length > 0;
        await retrying(
          () =>
            this.#sync(
              profileId,
              known ? (since ?? (reconnect ? Date.now() : undefined)) : undefined,
              known,
            ),
          { signal: this.context.signal },
        );
      } catch (error) {
        this.context.log.warn(`history sync of profile ${profileId} failed`, {
          error: String(error),
        });
      }
    }
  }

  /**
   * First sync: recent chats with their latest messages, as history. After a reconnect:
   * every chat active since the drop, paged back to the last message we hold.
   */
  async #sync(
    profileId: string,
    disconnectedAt: number | undefined,
    known: boolean,
  ): Promise<void> {
    const conversations = await this.#api.conversations(profileId, FIRST_SYNC_CHATS);
    for (const conversation of conversations) {
      if (this.context.signal.aborted) return;
      this.#remember(profileId, conversation);
      const last = this.context.cache.lastMessageOf(
        profileId,
        conversation.jid,
        known ? disconnectedAt : undefined,
      );
      if (
        known &&
        last &&
        conversation.lastMessageAt != null &&
        conversation.lastMessageAt <= last.time
      )
        continue;
      if (!known)
        this.#emit({
          kind: 'conversation',
          line: profileId,
          chat: chatOf(conversation),
          ...(conversation.unreadCount != null ? { unread: conversation.unreadCount } : {}),
        });
      const rows: MessageRow[] = [];
      let before: string | undefined;
      for (let page = 0; page < (known ? GAP_PAGES : 1); page++) {
        const batch = await this.#api.messages(
          conversation.id,
          known ? PAGE : FIRST_SYNC_MESSAGES,
          before,
        );
        rows.push(...batch);
        const reachedKnown = last !== undefined && batch.some((m) => m.timestamp <= last.time);
        if (!known || reachedKnown || batch.length < PAGE) break;
        before = [...batch].sort((a, b) => a.timestamp - b.timestamp)[0]?.id;
      }
      this.#emitRows(
        profileId,
        conversation,
        rows,
        (time) => !known || disconnectedAt === undefined || time + 1000 <= disconnectedAt,
      );
    }
    await this.context.flushed();
  }

  async findSent(query: SentQuery): Promise<MessageRef[]> {
    const conversationId = await this.#conversationIdOf(query.line, query.chatId);
    if (!conversationId) return [];
    const rows = await this.#api.messages(conversationId, PAGE);
    return rows
      .map(messageOfRow)
      .filter((m) => looksLikeSend(query, m))
      .sort((a, b) => b.time - a.time)
      .map((m) => m.ids);
  }

  async #loadOlder(
    line: string,
    chatId: string,
    before: { time: number; ids?: MessageRef } | null,
  ): Promise<{ more: boolean }> {
    const conversationId = await this.#conversationIdOf(line, chatId);
    if (!conversationId) return { more: false };
    const rows = await this.#api.messages(conversationId, PAGE, before?.ids?.internal);
    const older = before
      ? rows.filter((r) => r.timestamp <= before.time && r.id !== before.ids?.internal)
      : rows;
    this.#emitRows(line, { id: conversationId, jid: chatId }, older, () => true);
    await this.context.flushed();
    return { more: rows.length >= PAGE };
  }

  /** Oldest first, so messages sharing a timestamp keep their order. */
  #emitRows(
    line: string,
    conversation: Pick<ConversationRow, 'jid'> & Partial<ConversationRow>,
    rows: MessageRow[],
    historical: (time: number) => boolean,
  ): void {
    const chat =
      conversation.id && conversation.jid
        ? chatOf(conversation as ConversationRow)
        : { id: conversation.jid };
    // MultiWA pages newest first; reversed, a stable sort keeps same-millisecond messages in order.
    for (const row of [...rows].reverse().sort((a, b) => a.timestamp - b.timestamp)) {
      if (this.context.signal.aborted) return;
      const message = messageOfRow(row);
      this.#emit({
        kind: 'message',
        line,
        chat,
        message,
        ...(historical(message.time) ? { historical: true } : {}),
      });
    }
  }
}
