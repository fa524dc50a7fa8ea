import { z } from 'zod';
import { ProviderAuthError, ProviderRequestError, ProviderUnavailable } from '../errors.node.ts';
import { checksumOf, type Params } from './checksum.node.ts';
import { Account, Delivery, Webhook } from './wire.node.ts';
import { unreachable } from '../errors.node.ts';
import { words } from '../../../shared/words/coreWords.std.ts';

export interface ChategyCredentials {
  token: string;
  idempotencyKey?: string | undefined;
  developerKey?: string | undefined;
}

/** A refusal with Chategy's per-field reasons (`meta.errors`), already put in words. */
export class ChategyRequestError extends ProviderRequestError {
  constructor(
    message: string,
    status: number,
    readonly errors: Record<string, string[]>,
  ) {
    super(message, status, Object.keys(errors)[0] ?? status);
  }
}

export const timeouts = { requestMs: 30_000 };

/**
 * Chategy's REST API. Parameters travel in the query string, also for POST (as the seed's
 * collection sends them), arrays Rails-style (`dispatch_routing[]=…`).
 */
export class ChategyApi {
  constructor(
    private readonly apiBase: string,
    private readonly developerBase: string,
    private readonly credentials: ChategyCredentials,
  ) {}

  async account(): Promise<Account> {
    const body = (await this.#client('GET', '/api/v1/account')) as { account?: unknown };
    return Account.parse(body.account ?? {});
  }

  /** A text delivery; with an idempotency key the `checksum` header makes a retry safe (409). */
  async deliver(params: Params): Promise<Delivery> {
    return deliveryOf(await this.#client('POST', '/api/v1/delivery', params, undefined, true));
  }

  async sendFile(
    params: Params,
    file: { name: string; mime: string; data: Uint8Array },
  ): Promise<Delivery> {
    const form = new FormData();
    form.append(
      'file',
      new Blob([file.data as Uint8Array<ArrayBuffer>], { type: file.mime }),
      file.name,
    );
    return deliveryOf(await this.#client('POST', '/api/v1/send_file', params, form, true));
  }

  async delivery(id: string): Promise<Delivery> {
    return deliveryOf(await this.#client('GET', `/api/v1/delivery/${enc(id)}`));
  }

  async deleteDelivery(id: string): Promise<void> {
    await this.#client('DELETE', `/api/v1/delivery/${enc(id)}`);
  }

  async maxSendPhone(phone: string): Promise<void> {
    await this.#client('POST', '/api/v1/max/send_phone', { phone });
  }

  async maxSendCode(code: string): Promise<void> {
    await this.#client('POST', '/api/v1/max/send_code', { code });
  }

  async maxCloseSession(): Promise<void> {
    await this.#client('POST', '/api/v1/max/close_session');
  }

  /** With a developer key the documented developer routes; otherwise the client-token twin. */
  async webhooks(): Promise<z.infer<typeof Webhook>[]> {
    const body = (await this.#webhookCall('GET', '')) as { webhooks?: unknown };
    return z.array(Webhook).parse(body.webhooks ?? []);
  }

  async createWebhook(url: string, types: readonly string[]): Promise<void> {
    await this.#webhookCall('POST', '', { url, types });
  }

  async deleteWebhook(id: string): Promise<void> {
    await this.#webhookCall('DELETE', `/${enc(id)}`);
  }

  get hasDeveloperKey(): boolean {
    return Boolean(this.credentials.developerKey);
  }

  /** Aborts a WhatsApp pairing in progress (developer API only). */
  async deleteContainerSession(customerId: string): Promise<void> {
    const body = (await this.#developer('GET', `/developer/v1/instances/${enc(customerId)}`)) as {
      instance?: { id?: unknown };
    };
    const id = body.instance?.id;
    if (id == null) throw new ChategyRequestError('Chategy does not know this instance.', 404, {});
    await this.#developer(
      'DELETE',
      `/developer/v1/instances/${enc(String(id))}/delete_container_session`,
    );
  }

  #webhookCall(method: string, suffix: string, params?: Params) {
    return this.credentials.developerKey
      ? this.#developer(method, `/developer/v1/webhooks${suffix}`, params)
      : this.#client(method, `/api/v1/webhooks${suffix}`, params);
  }

  #client(method: string, path: string, params?: Params, form?: FormData, idempotent = false) {
    const headers: Record<string, string> = { authorization: `Bearer ${this.credentials.token}` };
    if (idempotent && this.credentials.idempotencyKey && params)
      headers.checksum = checksumOf(params, this.credentials.idempotencyKey);
    return this.#request(this.apiBase, method, path, headers, params, form);
  }

  #developer(method: string, path: string, params?: Params) {
    if (!this.credentials.developerKey)
      throw new ProviderAuthError(words('chategy.developerKeyMissing'));
    return this.#request(
      this.developerBase,
      method,
      path,
      { authorization: this.credentials.developerKey },
      params,
    );
  }

  async #request(
    base: string,
    method: string,
    path: string,
    headers: Record<string, string>,
    params?: Params,
    form?: FormData,
  ): Promise<unknown> {
    const url = `${base}${path}${params ? `?${queryOf(params)}` : ''}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { accept: 'application/json', ...headers },
        ...(form ? { body: form } : {}),
        signal: AbortSignal.timeout(timeouts.requestMs),
      });
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      throw timedOut
        ? new ProviderUnavailable(
            words('provider.timeout', {
              provider: 'Chategy',
              seconds: Math.ceil(timeouts.requestMs / 1000),
            }),
          )
        : unreachable('Chategy', new URL(base).host, error);
    }
    const body = (await response.json().catch(() => undefined)) as
      { meta?: { message?: string; errors?: Record<string, string[]> } } | undefined;
    if (response.ok) {
      if (body === undefined)
        throw new ProviderUnavailable(words('provider.notJson', { provider: 'Chategy' }));
      return body;
    }
    if (response.status === 401 || response.status === 403)
      throw new ProviderAuthError(words('chategy.tokenRefused'));
    if (response.status >= 500)
      throw new ProviderUnavailable(
        words('provider.serverError', { provider: 'Chategy', status: response.status }),
      );
    const errors = body?.meta?.errors ?? {};
    if (response.status === 409)
      throw new ChategyRequestError('Chategy already has this request.', 409, errors);
    if (response.status === 400 && /checksum/i.test(body?.meta?.message ?? '')) {
      throw new ChategyRequestError(
        'Chategy refused the signature of the send: check the idempotency key in the account settings.',
        400,
        errors,
      );
    }
    const said = body?.meta?.message?.trim();
    throw new ChategyRequestError(
      wordsOf(errors) ??
        (said
          ? `Chategy says: ${said}${/[.!?]$/.test(said) ? '' : '.'}`
          : `Chategy refused the request (${response.status}).`),
      response.status,
      errors,
    );
  }
}

function deliveryOf(body: unknown): Delivery {
  const parsed = Delivery.safeParse((body as { delivery?: unknown } | null)?.delivery);
  if (!parsed.success) throw new ProviderRequestError('Chategy answered without a delivery.', 200);
  return parsed.data;
}

/** Rails-style query: `dispatch_routing[]=whatsapp&dispatch_routing[]=sms`. */
export function queryOf(params: Params): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) for (const item of value) search.append(`${key}[]`, item);
    else search.append(key, String(value));
  }
  return search.toString();
}

const KNOWN: Record<string, string> = {
  'invalid phone':
    'This phone number is not valid. Enter it in international format, e.g. +995 598 464 533.',
  'Phone number has invalid format':
    'This phone number is not valid. Enter it in international format, e.g. +7 981 159 77 45.',
  "Phone number can't be blank": 'Enter the phone number.',
  'confirmation code invalid': 'The code is wrong. Check the latest code and try again.',
  "code can't be blank": 'Enter the code.',
  'invalid code': 'The code is wrong. Check the latest code and try again.',
  'invalid password': 'The password is wrong.',
  'max_session_closer session_not_found': 'MAX is not signed in.',
  'invalid mime type': 'Chategy does not accept this type of file.',
  'delivery not found': 'Chategy no longer has this message.',
  'tdlib_delivery not found': 'Chategy no longer has this message.',
  'delivery not_complete': 'The message can be deleted for everyone only once it is delivered.',
  'dispatch_type invalid': 'Only WhatsApp and Telegram messages can be deleted for everyone.',
  'not enough money': 'Not enough money on the Chategy balance.',
  'the text cannot be empty': 'The message is empty.',
};

/** Chategy's `{"errors":{"phone":["invalid phone"]}}` in words a user understands. */
export function wordsOf(errors: Record<string, string[] | string>): string | undefined {
  const messages = Object.values(errors).flatMap((v) => (Array.isArray(v) ? v : [v]));
  if (!messages.length) return undefined;
  return messages
    .map(
      (m) => KNOWN[m] ?? `${m.charAt(0).toUpperCase()}${m.slice(1)}${/[.!?]$/.test(m) ? '' : '.'}`,
    )
    .join(' ');
}

const enc = encodeURIComponent;
