import type { z } from 'zod';
import { ChatListItem, ErrorBody, License, MessageItem, Page, SendReply } from './wire.node.ts';
import {
  ProviderAuthError,
  ProviderRequestError,
  ProviderUnavailable,
  unreachable,
} from '../errors.node.ts';
import type { TokenManager } from './tokens.node.ts';
import { words } from '../../../shared/words/coreWords.std.ts';

export interface HistoryQuery {
  limit: number;
  /** Opaque cursor from the previous page. */
  nextPage?: string;
  /** Or: older than this message (unix seconds + internal id). */
  lastTime?: number;
  lastInternalId?: string;
}

/**
 * ChatApp's REST API with the raw-token `Authorization` header. A 401 refreshes the token
 * and retries once; anything else comes back as a typed error.
 */
export class ChatAppApi {
  constructor(
    private readonly apiBase: string,
    private readonly tokens: TokenManager,
  ) {}

  me() {
    return this.#request('GET', '/v1/me', undefined, undefined);
  }

  async licenses() {
    return this.#request('GET', '/v1/licenses', undefined, License.array());
  }

  chats(
    licenseId: string,
    messengerType: string,
    query: { limit: number; nextPage?: string; lastTime?: number },
  ) {
    const params = new URLSearchParams({ limit: String(query.limit) });
    if (query.nextPage) params.set('nextPage', query.nextPage);
    if (query.lastTime !== undefined) params.set('lastTime', String(query.lastTime));
    return this.#request(
      'GET',
      `${line(licenseId, messengerType)}/chats?${params}`,
      undefined,
      Page(ChatListItem),
    );
  }

  /** Newest first (`direction=prev`). */
  messages(licenseId: string, messengerType: string, chatId: string, query: HistoryQuery) {
    const params = new URLSearchParams({ limit: String(query.limit), direction: 'prev' });
    if (query.nextPage) params.set('nextPage', query.nextPage);
    if (query.lastTime !== undefined) params.set('lastTime', String(query.lastTime));
    if (query.lastInternalId !== undefined) params.set('lastInternalId', query.lastInternalId);
    return this.#request(
      'GET',
      `${line(licenseId, messengerType)}/chats/${encodeURIComponent(chatId)}/messages?${params}`,
      undefined,
      Page(MessageItem),
    );
  }

  sendText(
    licenseId: string,
    messengerType: string,
    chatId: string,
    text: string,
    quotedMessageId?: string,
  ) {
    const body = { text, ...(quotedMessageId ? { quotedMessageId } : {}) };
    return this.#request(
      'POST',
      `${line(licenseId, messengerType)}/chats/${encodeURIComponent(chatId)}/messages/text`,
      body,
      SendReply,
    );
  }

  sendFile(
    licenseId: string,
    messengerType: string,
    chatId: string,
    file: { name: string; mime: string; data: Uint8Array },
    caption?: string,
    quotedMessageId?: string,
  ) {
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(file.data)], { type: file.mime }), file.name);
    form.set('fileName', file.name);
    if (caption) form.set('caption', caption);
    if (quotedMessageId) form.set('quotedMessageId', quotedMessageId);
    return this.#request(
      'POST',
      `${line(licenseId, messengerType)}/chats/${encodeURIComponent(chatId)}/messages/file`,
      form,
      SendReply,
    );
  }

  async #request<T extends z.ZodType | undefined>(
    method: string,
    path: string,
    body: unknown,
    schema: T,
  ): Promise<T extends z.ZodType ? z.infer<T> : unknown> {
    let token = await this.tokens.accessToken();
    for (let attempt = 0; ; attempt++) {
      const response = await this.#fetch(method, path, body, token);
      if (response.status === 401 && attempt === 0) {
        token = await this.tokens.afterUnauthorized(token);
        continue;
      }
      const json: unknown = await response.json().catch(() => undefined);
      if (response.status === 401) throw new ProviderAuthError(words('chatapp.signInExpired'));
      if (response.status >= 500)
        throw new ProviderUnavailable(
          words('provider.serverError', { provider: 'ChatApp', status: response.status }),
        );
      const error = ErrorBody.safeParse(json);
      if (!response.ok || error.success) {
        const detail = error.success ? error.data.error : undefined;
        throw new ProviderRequestError(
          detail?.message ??
            `ChatApp refused ${method} ${path.split('?')[0]} (${response.status}).`,
          response.status,
          detail?.code ?? undefined,
        );
      }
      const data = (json as { data?: unknown } | undefined)?.data;
      if (!schema) return data as never;
      const parsed = schema.safeParse(data);
      if (!parsed.success)
        throw new ProviderRequestError(
          `ChatApp's answer to ${method} ${path.split('?')[0]} was not understood.`,
          response.status,
        );
      return parsed.data as never;
    }
  }

  async #fetch(method: string, path: string, body: unknown, token: string): Promise<Response> {
    const isForm = body instanceof FormData;
    try {
      return await fetch(`${this.apiBase}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          Authorization: token,
          ...(body !== undefined && !isForm ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: isForm ? body : JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(isForm ? 120_000 : 30_000),
      });
    } catch (error) {
      throw unreachable('ChatApp', new URL(this.apiBase).host, error);
    }
  }
}

function line(licenseId: string, messengerType: string): string {
  return `/v1/licenses/${encodeURIComponent(licenseId)}/messengers/${encodeURIComponent(messengerType)}`;
}
