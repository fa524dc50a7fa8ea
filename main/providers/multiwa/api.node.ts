import { z } from 'zod';
import { authHeaders, type MultiWaAuth } from './config.node.ts';
import { ConversationRow, MessageRow, Profile, SendReply, listOf } from './wire.node.ts';
import { ProviderAuthError, ProviderRequestError, ProviderUnavailable } from '../errors.node.ts';
import { unreachable } from '../errors.node.ts';
import { words } from '../../../shared/words/coreWords.std.ts';

/** MultiWA's REST API under /api/v1. Parses both the docs' envelope and NestJS's plain bodies. */
export class MultiWaApi {
  constructor(
    private readonly baseUrl: string,
    private readonly auth: MultiWaAuth,
  ) {}

  async profiles(): Promise<Profile[]> {
    const body = await this.#request('GET', '/profiles');
    const list = listOf(body);
    if (!list)
      throw new ProviderRequestError(
        'This address answers, but not like a MultiWA server (no profile list at /api/v1/profiles).',
        200,
      );
    return z.array(Profile).parse(list);
  }

  connect(profileId: string) {
    return this.#request('POST', `/profiles/${enc(profileId)}/connect`, {});
  }

  disconnect(profileId: string) {
    return this.#request('POST', `/profiles/${enc(profileId)}/disconnect`, {});
  }

  /** The current QR through REST, where the server exposes it (account-scoped route). */
  async qr(accountId: string, profileId: string): Promise<string | undefined> {
    const body = (await this.#request(
      'GET',
      `/accounts/${enc(accountId)}/profiles/${enc(profileId)}/qr`,
    )) as Record<string, unknown> | undefined;
    const data = (body?.data ?? body) as Record<string, unknown> | undefined;
    const qr = data?.qrCode ?? data?.qr;
    return typeof qr === 'string' && qr ? qr : undefined;
  }

  async conversations(profileId: string, limit: number, offset = 0): Promise<ConversationRow[]> {
    const body = await this.#request(
      'GET',
      `/conversations?${new URLSearchParams({ profileId, limit: String(limit), offset: String(offset) })}`,
    );
    return z.array(ConversationRow).parse(listOf(body) ?? []);
  }

  async messages(conversationId: string, limit: number, before?: string): Promise<MessageRow[]> {
    const query = new URLSearchParams({ limit: String(limit), ...(before ? { before } : {}) });
    const body = await this.#request(
      'GET',
      `/conversations/${enc(conversationId)}/messages?${query}`,
    );
    return z.array(MessageRow).parse(listOf(body) ?? []);
  }

  async message(id: string): Promise<MessageRow | undefined> {
    const body = (await this.#request('GET', `/messages/${enc(id)}`)) as
      { data?: unknown } | undefined;
    const parsed = MessageRow.safeParse(body?.data ?? body);
    return parsed.success ? parsed.data : undefined;
  }

  /** `kind` is the path under /messages: text, image, video, audio, document, location, reaction. */
  async send(
    kind: string,
    body: Record<string, unknown>,
  ): Promise<{ messageId: string; status?: string }> {
    const reply = SendReply.safeParse(await this.#request('POST', `/messages/${kind}`, body));
    if (!reply.success)
      throw new ProviderRequestError(
        'MultiWA accepted the message but its answer was not understood.',
        200,
      );
    const data =
      'data' in reply.data
        ? (reply.data.data as { messageId: string; status?: string | null })
        : reply.data;
    return { messageId: data.messageId, ...(data.status ? { status: data.status } : {}) };
  }

  /** '' takes the reaction back. */
  react(profileId: string, messageId: string, emoji: string) {
    return this.#request('POST', '/messages/reaction', { profileId, messageId, emoji });
  }

  markRead(profileId: string, chatId: string, messageIds?: string[]) {
    return this.#request('POST', '/messages/mark-read', {
      profileId,
      chatId,
      ...(messageIds ? { messageIds } : {}),
    });
  }

  async #request(method: string, path: string, body?: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}/api/v1${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...authHeaders(this.auth),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw unreachable('MultiWA', new URL(this.baseUrl).host, error);
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      throw new ProviderRequestError(
        `This address does not look like a MultiWA server (it answered ${response.status} with something other than JSON).`,
        response.status,
      );
    }
    if (response.status === 401 || response.status === 403) {
      throw new ProviderAuthError(
        words(response.status === 401 ? 'multiwa.keyRefused' : 'multiwa.profileForbidden'),
      );
    }
    if (response.status === 429) {
      const limit = json as {
        error?: string;
        limit?: number;
        count?: number;
        resetAt?: string;
        message?: string;
      };
      const resetAt = limit.resetAt ? Date.parse(limit.resetAt) : undefined;
      // The time goes as a number: each reader formats it in their own language and clock.
      const said =
        limit.error !== 'DAILY_LIMIT_REACHED'
          ? words('multiwa.rateLimited')
          : resetAt !== undefined && Number.isFinite(resetAt)
            ? words('multiwa.dailyLimit', {
                count: limit.count ?? limit.limit ?? 0,
                limit: limit.limit ?? 0,
                at: resetAt,
              })
            : words('multiwa.dailyLimitNoTime', {
                count: limit.count ?? limit.limit ?? 0,
                limit: limit.limit ?? 0,
              });
      throw new ProviderRequestError(said, 429, 'DAILY_LIMIT_REACHED', resetAt);
    }
    if (response.status >= 500)
      throw new ProviderUnavailable(
        words('provider.serverError', { provider: 'MultiWA', status: response.status }),
      );
    if (response.status === 404 && path === '/profiles')
      throw new ProviderRequestError(
        'This address is not a MultiWA server (no /api/v1/profiles).',
        404,
      );
    if (!response.ok) {
      const detail = json as { message?: unknown; error?: { message?: string } | string };
      const message = Array.isArray(detail?.message)
        ? detail.message.join('; ')
        : typeof detail?.message === 'string'
          ? detail.message
          : typeof detail?.error === 'object'
            ? detail.error?.message
            : undefined;
      throw new ProviderRequestError(
        message ?? `MultiWA refused ${method} ${path.split('?')[0]} (${response.status}).`,
        response.status,
      );
    }
    return json;
  }
}

const enc = encodeURIComponent;
