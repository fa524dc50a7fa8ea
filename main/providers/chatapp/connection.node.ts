import type { ConnectionState } from '../../../shared/model/connection.std.ts';
import type { ProviderEvent } from '../../../shared/model/events.std.ts';
import {
  looksLikeSend,
  type HistorySource,
  type ProviderConnection,
  type ProviderContext,
  type SendRequest,
  type SendResult,
  type SentQuery,
} from '../plugin.node.ts';
import type { MessageRef } from '../../../shared/model/events.std.ts';
import { StartLoop } from '../startLoop.node.ts';
import { ChatAppApi } from './api.node.ts';
import { configOf, type ChatAppConfig } from './config.node.ts';
import {
  ProviderAuthError,
  ProviderRequestError,
  ProviderUnavailable,
  toSendFailure,
} from '../errors.node.ts';
import { LINE_EVENT_NAMES, mapLineEvent, messageOf, toMs } from './mapping.node.ts';
import { MAX_SOCKET_FRAME_CHARS, onOversizedFrame, type OversizedFrame } from './frameCap.node.ts';
import { retrying } from '../retrying.node.ts';
import { lineIdOf, messengerOf, splitLineId } from './messengers.node.ts';
import { Realtime } from './realtime.node.ts';
import { TokenManager } from './tokens.node.ts';
import {
  TokenData,
  companyChannel,
  lineChannel,
  lineOfChannel,
  userChannel,
  type MessageItem,
} from './wire.node.ts';
import { words } from '../../../shared/words/coreWords.std.ts';
import { loginSaid } from '../../../shared/model/login.std.ts';

const FIRST_SYNC_CHATS = 50;
const FIRST_SYNC_MESSAGES = 30;
const GAP_PAGES = 20;
const PAGE = 50;

export function tokenStoreOf(context: Pick<ProviderContext, 'secrets'>) {
  return {
    load: () => {
      const raw = context.secrets.get('tokens');
      const parsed = raw ? TokenData.safeParse(JSON.parse(raw)) : undefined;
      return parsed?.success ? parsed.data : undefined;
    },
    save: (tokens: TokenData) => context.secrets.set('tokens', JSON.stringify(tokens)),
  };
}

/**
 * One ChatApp account: its lines (license × messenger), the Pusher socket with a channel
 * per line, and REST for history, gap-fill and sending.
 */
export class ChatAppConnection implements ProviderConnection {
  readonly history: HistorySource;
  readonly #config: ChatAppConfig;
  readonly #tokens: TokenManager;
  readonly #api: ChatAppApi;
  readonly #lines = new Set<string>();
  readonly #channels = new Set<string>();
  #realtime: Realtime | undefined;
  #disconnectedAt: number | undefined;
  #quickResponses = new Map<string, unknown>();
  #unlistenOversized: (() => void) | undefined;

  constructor(private readonly context: ProviderContext) {
    this.#config = configOf(context.config);
    this.#tokens = new TokenManager(
      this.#config.apiBase,
      {
        email: this.#config.email,
        password: context.secrets.get('password') ?? '',
        appId: this.#config.appId,
      },
      tokenStoreOf(context),
    );
    this.#api = new ChatAppApi(this.#config.apiBase, this.#tokens);
    this.history = { loadOlder: (line, chatId, before) => this.#loadOlder(line, chatId, before) };
  }

  readonly #starting = new StartLoop({
    attempt: async () => {
      await this.#tokens.accessToken();
      await this.#discoverLines();
      await this.#discoverWorkspaceChannels();
    },
    started: () => this.#startRealtime(),
    report: (state) => this.#emit({ kind: 'connection', state }),
  });

  start(): Promise<void> {
    return this.#starting.start();
  }

  #startRealtime(): void {
    this.#unlistenOversized ??= onOversizedFrame((frame) => this.#onOversized(frame));
    this.#realtime = new Realtime({
      appKey: this.#config.appKey,
      host: this.#config.socketHost,
      port: Number(this.#config.socketPort),
      tls: this.#config.socketTls === 'true',
      channels: () => [...this.#channels],
      authorize: (socketId, channel) => this.#authorize(socketId, channel),
      onEvent: (channel, event, data) => this.#onSocketEvent(channel, event, data),
      onState: (state) => this.#onState(state),
      onConnected: (reconnect) => void this.#afterConnect(reconnect),
      log: this.context.log,
    });
    this.#realtime.start();
  }

  async stop(): Promise<void> {
    this.#starting.stop();
    this.#unlistenOversized?.();
    this.#unlistenOversized = undefined;
    this.#realtime?.stop();
  }

  /**
   * A frame too big to read was dropped unparsed: a note of it goes to quarantine (not the
   * frame), and the line is gap-filled over REST, so a message it carried is not lost.
   */
  #onOversized(frame: OversizedFrame): void {
    if (!frame.channel || !this.#channels.has(frame.channel)) return;
    const line = lineOfChannel(frame.channel);
    const kb = Math.round(frame.chars / 1024);
    this.context.quarantine(
      'pusher',
      `socket event of ${kb} KB is over the ${MAX_SOCKET_FRAME_CHARS / 1024} KB limit: not read`,
      { channel: frame.channel, event: frame.event ?? null, chars: frame.chars, head: frame.head },
      line ?? undefined,
    );
    if (line && this.#lines.has(line))
      void this.#gapFill(line, Date.now()).catch((error: unknown) =>
        this.context.log.warn('gap-fill after an oversized event failed', { error: String(error) }),
      );
  }

  async send(request: SendRequest): Promise<SendResult> {
    const { licenseId, messengerType } = splitLineId(request.line);
    const quoted = request.replyTo?.provider;
    try {
      const reply = request.attachment
        ? await this.#api.sendFile(
            licenseId,
            messengerType,
            request.chatId,
            {
              name: request.attachment.fileName,
              mime: request.attachment.mime,
              data: request.attachment.data,
            },
            request.text,
            quoted,
          )
        : await this.#api.sendText(
            licenseId,
            messengerType,
            request.chatId,
            request.text ?? '',
            quoted,
          );
      return {
        ids: { provider: reply.id, ...(reply.internalId ? { internal: reply.internalId } : {}) },
      };
    } catch (error) {
      throw toSendFailure(error);
    }
  }

  #emit(event: ProviderEvent): void {
    this.context.emit(event);
  }

  async #discoverLines(): Promise<void> {
    for (const license of await this.#api.licenses()) {
      for (const messenger of license.messenger) {
        const kind = messengerOf(messenger.type);
        if (!kind) {
          this.context.log.info(`skipping messenger type ${messenger.type}: not supported yet`);
          continue;
        }
        const line = lineIdOf(license.licenseId, messenger.type);
        const phone = messenger.phone == null ? undefined : String(messenger.phone);
        this.#emit({
          kind: 'line',
          line: {
            providerLineId: line,
            messenger: kind,
            title:
              messenger.name ?? license.name ?? phone ?? `${messenger.type} · ${license.licenseId}`,
            ...(phone ? { phone } : {}),
            // Pairing happens in ChatApp's cabinet; an inactive license cannot send or receive.
            login:
              license.active === false
                ? loginSaid.loggedOut(words('login.licenseInactive'))
                : { state: 'authorized', ...(phone ? { phone } : {}) },
          },
        });
        this.#lines.add(line);
        this.#channels.add(lineChannel(license.licenseId, messenger.type));
      }
    }
  }

  /** Company and user channels carry employee status and quick responses. */
  async #discoverWorkspaceChannels(): Promise<void> {
    const userId = this.#tokens.cabinetUserId;
    if (userId) this.#channels.add(userChannel(userId));
    try {
      const me = (await this.#api.me()) as
        { companyId?: unknown; company?: { id?: unknown } } | undefined;
      const companyId = me?.companyId ?? me?.company?.id;
      if (companyId != null) this.#channels.add(companyChannel(String(companyId)));
    } catch (error) {
      if (error instanceof ProviderAuthError) throw error;
      this.context.log.info('no company channel: /v1/me did not answer', { error: String(error) });
    }
  }

  async #authorize(socketId: string, channel: string): Promise<{ auth: string }> {
    const body = new URLSearchParams({ socket_id: socketId, channel_name: channel });
    let token = await this.#tokens.accessToken();
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(this.#config.authEndpoint, {
          method: 'POST',
          headers: {
            Authorization: token,
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
          },
          body,
          signal: AbortSignal.timeout(20_000),
        });
      } catch {
        throw new ProviderUnavailable(words('chatapp.channelUnreachable'));
      }
      if ((response.status === 401 || response.status === 403) && attempt === 0) {
        token = await this.#tokens.afterUnauthorized(token);
        continue;
      }
      if (response.status === 401 || response.status === 403)
        throw new ProviderAuthError(words('chatapp.channelRefused'));
      const answer = (await response.json().catch(() => null)) as { auth?: unknown } | null;
      if (!response.ok || typeof answer?.auth !== 'string')
        throw new ProviderRequestError(
          `Channel sign-in failed (${response.status}).`,
          response.status,
        );
      return { auth: answer.auth };
    }
  }

  #onState(state: ConnectionState): void {
    if (state.state !== 'online' && this.#disconnectedAt === undefined)
      this.#disconnectedAt = Date.now();
    this.#emit({ kind: 'connection', state });
  }

  #onSocketEvent(channel: string, event: string, data: unknown): void {
    const line = lineOfChannel(channel);
    if (line) {
      if (!this.#lines.has(line))
        return this.context.quarantine(
          'pusher',
          `event on a channel of an unknown line (${channel})`,
          data,
        );
      const mapped = mapLineEvent(event, line, data, { appId: this.#config.appId });
      for (const rejected of mapped.rejected)
        this.context.quarantine(
          'pusher',
          rejected.reason,
          { channel, event, item: rejected.item },
          line,
        );
      if (mapped.skipped.length)
        this.context.log.info('ChatApp events with nothing to apply', {
          channel,
          reasons: mapped.skipped.map((s) => s.reason),
        });
      for (const e of mapped.events) this.#emit(e);
      return;
    }
    this.#onWorkspaceEvent(channel, event, data);
  }

  #onWorkspaceEvent(channel: string, event: string, data: unknown): void {
    const items =
      (data as { data?: unknown } | null)?.data ??
      (data as { payload?: { data?: unknown } } | null)?.payload?.data;
    if (!Array.isArray(items))
      return this.context.quarantine('pusher', `${event} on ${channel}: no data array`, data);
    switch (event) {
      case 'employeeStatus':
        return this.#emit({ kind: 'workspace', key: 'chatapp.employeeStatus', value: items });
      case 'quickResponseList':
        this.#quickResponses = new Map(items.map((item, i) => [keyOf(item, i), item]));
        return this.#emit({
          kind: 'workspace',
          key: 'chatapp.quickResponses',
          value: [...this.#quickResponses.values()],
        });
      case 'quickResponse':
        for (const [i, item] of items.entries()) {
          const action =
            (item as { action?: string; type?: string }).action ?? (item as { type?: string }).type;
          if (action === 'destroy' || action === 'delete')
            this.#quickResponses.delete(keyOf(item, i));
          else this.#quickResponses.set(keyOf(item, i), item);
        }
        return this.#emit({
          kind: 'workspace',
          key: 'chatapp.quickResponses',
          value: [...this.#quickResponses.values()],
        });
      default:
        if (!LINE_EVENT_NAMES.includes(event))
          this.context.quarantine('pusher', `unknown event "${event}" on ${channel}`, data);
    }
  }

  async #afterConnect(reconnect: boolean): Promise<void> {
    const since = this.#disconnectedAt;
    this.#disconnectedAt = undefined;
    for (const line of this.#lines) {
      if (this.context.signal.aborted) return;
      try {
        const known = this.context.cache.activeChats(line, 1).length > 0;
        const signal = this.context.signal;
        if (!known) await retrying(() => this.#firstSync(line), { signal });
        else if (reconnect || since !== undefined)
          await retrying(() => this.#gapFill(line, since ?? Date.now()), { signal });
      } catch (error) {
        this.context.log.warn(`history sync of ${line} failed`, { error: String(error) });
      }
    }
  }

  /** A line seen for the first time: its recent chats, each with its latest messages. */
  async #firstSync(line: string): Promise<void> {
    const { licenseId, messengerType } = splitLineId(line);
    const chats = await this.#api.chats(licenseId, messengerType, { limit: FIRST_SYNC_CHATS });
    for (const chat of chats.items) {
      if (this.context.signal.aborted) return;
      this.#emit({
        kind: 'conversation',
        line,
        chat: {
          id: chat.id,
          ...(chat.name || chat.phone ? { title: (chat.name || chat.phone)! } : {}),
          ...(chat.phone ? { phone: chat.phone } : {}),
        },
        ...(chat.unreadCount != null ? { unread: chat.unreadCount } : {}),
      });
      const page = await this.#api.messages(licenseId, messengerType, chat.id, {
        limit: FIRST_SYNC_MESSAGES,
      });
      this.#emitMessages(line, chat, page.items, () => true);
    }
    await this.context.flushed();
  }

  /**
   * After a reconnect: every chat active since we lost the socket, paged back to the last
   * message we hold, so nothing sent meanwhile is missing. Replays are harmless (ids).
   */
  async #gapFill(line: string, disconnectedAt: number): Promise<void> {
    const { licenseId, messengerType } = splitLineId(line);
    const chats = await this.#api.chats(licenseId, messengerType, { limit: PAGE });
    for (const chat of chats.items) {
      if (this.context.signal.aborted) return;
      // ChatApp dates messages in whole seconds: one from the second of the drop (a live
      // message after a sub-second reconnect) would look older than the drop and hide the gap.
      const last = this.context.cache.lastMessageOf(
        line,
        chat.id,
        Math.floor(disconnectedAt / 1000) * 1000,
      );
      const activity =
        chat.lastTime != null
          ? toMs(chat.lastTime)
          : chat.lastMessage?.time != null
            ? toMs(chat.lastMessage.time)
            : Infinity;
      if (last && activity <= last.time) continue;
      let nextPage: string | undefined;
      const missed: MessageItem[] = [];
      for (let page = 0; page < GAP_PAGES && !this.context.signal.aborted; page++) {
        const result = await this.#api.messages(licenseId, messengerType, chat.id, {
          limit: PAGE,
          ...(nextPage ? { nextPage } : {}),
        });
        missed.push(...result.items);
        const reachedKnown =
          last !== undefined && result.items.some((m) => toMs(m.time) <= last.time);
        if (reachedKnown || !result.nextPage || result.items.length === 0) break;
        nextPage = result.nextPage;
      }
      // ChatApp times are whole seconds: anything from the second of the drop on is news.
      this.#emitMessages(line, chat, missed, (time) => time + 1000 <= disconnectedAt);
    }
    await this.context.flushed();
  }

  async findSent(query: SentQuery): Promise<MessageRef[]> {
    const { licenseId, messengerType } = splitLineId(query.line);
    const page = await this.#api.messages(licenseId, messengerType, query.chatId, { limit: PAGE });
    return page.items
      .map((item) => messageOf(item, { appId: this.#config.appId }))
      .filter((m) => looksLikeSend(query, m))
      .sort((a, b) => b.time - a.time)
      .map((m) => m.ids);
  }

  async #loadOlder(
    line: string,
    chatId: string,
    before: { time: number; ids?: { internal?: string } } | null,
  ): Promise<{ more: boolean }> {
    const { licenseId, messengerType } = splitLineId(line);
    const page = await this.#api.messages(licenseId, messengerType, chatId, {
      limit: PAGE,
      ...(before
        ? {
            lastTime: Math.floor(before.time / 1000),
            ...(before.ids?.internal ? { lastInternalId: before.ids.internal } : {}),
          }
        : {}),
    });
    this.#emitMessages(line, { id: chatId }, page.items, () => true);
    await this.context.flushed();
    return { more: Boolean(page.nextPage) && page.items.length > 0 };
  }

  /**
   * Emits fetched messages oldest first: ChatApp pages newest first, and messages sharing
   * a second are ordered by arrival, so the reverse order would show them reversed.
   */
  #emitMessages(
    line: string,
    chat: { id: string; name?: string | null; phone?: string },
    items: MessageItem[],
    historical: (time: number) => boolean,
  ): void {
    const chronological = [...items].sort(
      (a, b) =>
        (a.time ?? 0) - (b.time ?? 0) || Number(a.internalId ?? 0) - Number(b.internalId ?? 0),
    );
    for (const item of chronological) {
      if (this.context.signal.aborted) return;
      const message = messageOf(item, { appId: this.#config.appId });
      const title = item.chat?.name || chat.name || chat.phone;
      this.#emit({
        kind: 'message',
        line,
        chat: { id: item.chat?.id ?? chat.id, ...(title ? { title } : {}) },
        message,
        ...(historical(message.time) ? { historical: true } : {}),
      });
    }
  }
}

function keyOf(item: unknown, index: number): string {
  const id = (item as { id?: unknown } | null)?.id;
  return id == null ? `#${index}` : String(id);
}
