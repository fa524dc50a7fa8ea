import type { z } from 'zod';
import type { ProviderEvent } from '../../../shared/model/events.std.ts';
import type { SendRequest } from '../plugin.node.ts';
import type { LineKey } from './lines.node.ts';
import {
  flatMessageOf,
  telegramCallOf,
  whatsAppCallOf,
  whatsAppMessageOf,
  whatsAppStatusOf,
} from './mapping.node.ts';
import {
  DeliveryCallback,
  Envelope,
  FlatIncoming,
  LogEvent,
  TdlibCall,
  WhatsAppCall,
  WhatsAppIncoming,
  WhatsAppStatus,
  type Instance,
} from './wire.node.ts';
import { loginSaid } from '../../../shared/model/login.std.ts';
import { words } from '../../../shared/words/coreWords.std.ts';

const FLAT: Record<string, LineKey> = {
  tdlib_incoming_msg: 'tdlib',
  max_incoming_msg: 'max',
  telegram_bot_incoming_msg: 'telegram_bot',
  max_bot_incoming_msg: 'max_bot',
};

interface Deps {
  customerId: string;
  emit(event: ProviderEvent): void;
  quarantine(reason: string, raw: unknown): void;
  /** A delivery whose WhatsApp failure may still end in an SMS. */
  cascading(deliveryId: string | null): boolean;
  /** An outgoing message whose delivery status must be polled. */
  watch(line: LineKey, deliveryId: string): void;
  /** A WhatsApp receipt told how a delivery ended: it need not be polled any more. */
  settled(deliveryId: string, delivered: boolean): void;
  /** A `callback_url` POST: a delivery's final status and the channel it came by. */
  callback(callback: DeliveryCallback['delivery']): void;
  whatsAppSignedIn(): void;
}

interface Expected {
  clientRef: string;
  text: string | undefined;
  fileName: string | undefined;
  since: number;
}

const EXPECT_FOR_MS = 3600_000;

/**
 * Reads Chategy's webhooks (`{type, payload}`). Tolerates what the seed and live payloads
 * disagree on: `instance.customer_id` vs top-level `customer_id`, `FormattedText` casing,
 * string or numeric ids. What cannot be read is quarantined with its reason.
 */
export class WebhookReader {
  /**
   * Sends whose delivery id we may never learn: in flight, timed out, or answered 409 on a
   * retry. Their echo (which carries the delivery id) is recognised by chat and content.
   */
  readonly #expected = new Map<string, Expected[]>();
  /** WhatsApp message id → delivery id, from echoes: receipts often carry only the first. */
  readonly #deliveryOf = new Map<string, string>();

  constructor(private readonly deps: Deps) {}

  expect(request: SendRequest): void {
    const key = `${request.line}|${request.chatId}`;
    const list = (this.#expected.get(key) ?? []).filter(
      (e) => e.clientRef !== request.clientRef && Date.now() - e.since < EXPECT_FOR_MS,
    );
    list.push({
      clientRef: request.clientRef,
      text: request.text,
      fileName: request.attachment?.fileName,
      since: Date.now(),
    });
    this.#expected.set(key, list);
  }

  /** The send's outcome is known (its delivery id, or a final refusal). */
  settle(request: SendRequest): void {
    const key = `${request.line}|${request.chatId}`;
    const list = this.#expected.get(key)?.filter((e) => e.clientRef !== request.clientRef);
    if (list?.length) this.#expected.set(key, list);
    else this.#expected.delete(key);
  }

  receive(body: unknown): { accepted: number; rejected: number } {
    if ((body as { unparsable?: unknown } | null)?.unparsable !== undefined)
      return this.#reject('the body is not JSON', body);
    if (body && typeof body === 'object' && !('type' in body) && 'delivery' in body) {
      const callback = DeliveryCallback.safeParse(body);
      if (!callback.success)
        return this.#reject(`delivery callback not understood: ${issue(callback.error)}`, body);
      this.deps.callback(callback.data.delivery);
      return { accepted: 1, rejected: 0 };
    }
    const envelope = Envelope.safeParse(body);
    if (!envelope.success) return this.#reject('not a Chategy webhook: no type', body);
    const { type, payload } = envelope.data;
    const owner = ownerOf(payload);
    if (owner && owner !== this.deps.customerId)
      return this.#reject(
        `webhook for Chategy customer ${owner}, not this account (${this.deps.customerId})`,
        body,
      );
    const now = Date.now();
    const flatLine = FLAT[type];
    if (flatLine) {
      const p = FlatIncoming.safeParse(payload);
      if (!p.success) return this.#reject(`${type} not understood: ${issue(p.error)}`, body);
      return this.#message(
        flatMessageOf(flatLine, p.data, now),
        flatLine,
        p.data.delivery_id ?? null,
      );
    }
    switch (type) {
      case 'whatsapp_incoming_msg': {
        const p = WhatsAppIncoming.safeParse(payload);
        if (!p.success) return this.#reject(`${type} not understood: ${issue(p.error)}`, body);
        const deliveryId = p.data.delivery_id ?? null;
        if (deliveryId) this.#deliveryOf.set(p.data.new_message.message.id, deliveryId);
        return this.#message(whatsAppMessageOf(p.data, now), 'whatsapp', deliveryId);
      }
      case 'whatsapp_status_msg':
      case 'message_status': {
        const p = WhatsAppStatus.safeParse(payload);
        if (!p.success) return this.#reject(`${type} not understood: ${issue(p.error)}`, body);
        const event = whatsAppStatusOf(p.data);
        if (!event)
          return this.#reject(
            `unknown WhatsApp status ${JSON.stringify(p.data.message_status.status)}`,
            body,
          );
        const deliveryId =
          p.data.delivery_id ?? this.#deliveryOf.get(p.data.message_status.id) ?? null;
        if (event.status.tick === 'failed' && this.deps.cascading(deliveryId))
          return { accepted: 1, rejected: 0 };
        this.deps.emit(
          deliveryId && !event.ref.internal
            ? { ...event, ref: { ...event.ref, internal: deliveryId } }
            : event,
        );
        if (deliveryId && event.status.tick !== 'sent')
          this.deps.settled(deliveryId, event.status.tick !== 'failed');
        return { accepted: 1, rejected: 0 };
      }
      case 'tdlib_call': {
        const p = TdlibCall.safeParse(payload);
        if (!p.success) return this.#reject(`${type} not understood: ${issue(p.error)}`, body);
        this.deps.emit(telegramCallOf(p.data, now));
        return { accepted: 1, rejected: 0 };
      }
      case 'whatsapp_call': {
        const p = WhatsAppCall.safeParse(payload);
        if (!p.success) return this.#reject(`${type} not understood: ${issue(p.error)}`, body);
        this.deps.emit(whatsAppCallOf(p.data, now));
        return { accepted: 1, rejected: 0 };
      }
      case 'whatsapp_log_in':
      case 'whatsapp_log_out': {
        const p = LogEvent.safeParse(payload);
        if (!p.success) return this.#reject(`${type} not understood: ${issue(p.error)}`, body);
        const phone =
          (p.data.instance as { phone?: unknown } | null | undefined)?.phone ?? p.data.phone;
        if (type === 'whatsapp_log_in') this.deps.whatsAppSignedIn();
        this.deps.emit({
          kind: 'login',
          line: 'whatsapp',
          state:
            type === 'whatsapp_log_in'
              ? { state: 'authorized', ...(typeof phone === 'string' ? { phone } : {}) }
              : loginSaid.loggedOut(words('login.signedOutByPhone')),
        });
        return { accepted: 1, rejected: 0 };
      }
      default:
        return this.#reject(`unknown Chategy webhook type ${JSON.stringify(type)}`, body);
    }
  }

  #message(
    event: ProviderEvent,
    line: LineKey,
    deliveryId: string | null,
  ): { accepted: number; rejected: number } {
    if (event.kind === 'message' && event.message.direction === 'out' && deliveryId) {
      const expected = this.#expected.get(`${line}|${event.chat.id}`);
      const i =
        expected?.findIndex(
          (e) =>
            (e.text !== undefined && e.text === event.message.text) ||
            (e.fileName !== undefined && e.fileName === event.message.media?.fileName),
        ) ?? -1;
      if (expected && i >= 0) {
        // Merges into the optimistic row, which has only the client reference so far.
        event.message.ids.clientRef = expected.splice(i, 1)[0]!.clientRef;
        if (!expected.length) this.#expected.delete(`${line}|${event.chat.id}`);
      }
      this.deps.watch(line, deliveryId);
    }
    this.deps.emit(event);
    return { accepted: 1, rejected: 0 };
  }

  #reject(reason: string, raw: unknown): { accepted: number; rejected: number } {
    this.deps.quarantine(reason, raw);
    return { accepted: 0, rejected: 1 };
  }
}

function ownerOf(payload: unknown): string | null {
  const p = payload as { customer_id?: unknown; instance?: z.infer<typeof Instance> | null } | null;
  const raw = p?.instance?.customer_id ?? p?.customer_id;
  return raw == null ? null : String(raw);
}

function issue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const first = error.issues[0];
  return first ? `${first.path.join('.') || 'payload'} ${first.message}` : 'invalid';
}
