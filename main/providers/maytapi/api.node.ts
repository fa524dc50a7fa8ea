import { z } from 'zod';
import { ProviderAuthError, ProviderRequestError, ProviderUnavailable } from '../errors.node.ts';
import { Phone, PhoneStatus, SendReply } from './wire.node.ts';
import { unreachable } from '../errors.node.ts';
import { words } from '../../../shared/words/coreWords.std.ts';

/** Maytapi's REST API: /api/{product_id}/…, the static x-maytapi-key on every call. */
export class MaytapiApi {
  constructor(
    private readonly apiBase: string,
    private readonly productId: string,
    private readonly apiKey: string,
  ) {}

  async product(): Promise<{ webhook: string | null; ackDelivery: boolean }> {
    const body = (await this.#json('GET', '/product')) as {
      webhook?: string | null;
      ack_delivery?: boolean | number;
    };
    // 1.9.1 says true/false, the seed 0/1.
    return {
      webhook: body.webhook || null,
      ackDelivery: body.ack_delivery === true || body.ack_delivery === 1,
    };
  }

  async phones(): Promise<Phone[]> {
    const body = await this.#json('GET', '/listPhones');
    const list = Array.isArray(body) ? body : (body as { data?: unknown }).data;
    return z.array(Phone).parse(list ?? []);
  }

  addPhone(number?: string) {
    return this.#json('POST', '/addPhone', number ? { number } : {});
  }

  async status(phoneId: string) {
    return PhoneStatus.parse(await this.#json('GET', `/${enc(phoneId)}/status`));
  }

  /** The QR as an image, for a data URL. */
  async qrCode(phoneId: string): Promise<{ mime: string; data: Buffer }> {
    const response = await this.#fetch('GET', `/${enc(phoneId)}/qrCode`);
    if (!response.ok) throw await this.#error(response, `/${phoneId}/qrCode`);
    return {
      mime: response.headers.get('content-type')?.split(';')[0] ?? 'image/png',
      data: Buffer.from(await response.arrayBuffer()),
    };
  }

  /** The 1.9.1 spec says GET, the seed's older API POST: try both. */
  async logout(phoneId: string): Promise<void> {
    try {
      await this.#json('GET', `/${enc(phoneId)}/logout`);
    } catch (error) {
      if (error instanceof ProviderRequestError && (error.status === 404 || error.status === 405))
        await this.#json('POST', `/${enc(phoneId)}/logout`, {});
      else throw error;
    }
  }

  redeploy(phoneId: string) {
    return this.#json('GET', `/${enc(phoneId)}/redeploy`);
  }

  setWebhook(url: string) {
    return this.#json('POST', '/setWebhook', { webhook: url });
  }

  setAckPreference(on: boolean) {
    return this.#json('POST', '/setAckPreference', { preference: on });
  }

  async sendMessage(
    phoneId: string,
    body: Record<string, unknown>,
  ): Promise<{ msgId: string; chatId?: string }> {
    const reply = SendReply.safeParse(
      await this.#json('POST', `/${enc(phoneId)}/sendMessage`, body),
    );
    if (!reply.success) throw new ProviderRequestError('Maytapi did not accept the message.', 200);
    return {
      msgId: reply.data.data.msgId,
      ...(reply.data.data.chatId ? { chatId: reply.data.data.chatId } : {}),
    };
  }

  async #json(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await this.#fetch(method, path, body);
    if (!response.ok) throw await this.#error(response, path);
    const json = (await response.json().catch(() => undefined)) as
      { success?: boolean; message?: string } | undefined;
    if (json === undefined)
      throw new ProviderRequestError(
        'Maytapi answered with something other than JSON. Is the API address right?',
        response.status,
      );
    if (json && json.success === false)
      throw new ProviderRequestError(
        json.message ?? 'Maytapi refused the request.',
        response.status,
      );
    return json;
  }

  async #fetch(method: string, path: string, body?: unknown): Promise<Response> {
    try {
      return await fetch(`${this.apiBase}/${enc(this.productId)}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          'x-maytapi-key': this.apiKey,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw unreachable('Maytapi', new URL(this.apiBase).host, error);
    }
  }

  async #error(response: Response, path: string): Promise<Error> {
    const body = (await response.json().catch(() => undefined)) as { message?: string } | undefined;
    if (response.status === 401 || response.status === 403)
      return new ProviderAuthError(words('maytapi.tokenRefused'));
    if (response.status >= 500)
      return new ProviderUnavailable(
        words('provider.serverError', { provider: 'Maytapi', status: response.status }),
      );
    return new ProviderRequestError(
      body?.message ?? `Maytapi refused ${path} (${response.status}).`,
      response.status,
    );
  }
}

const enc = encodeURIComponent;
