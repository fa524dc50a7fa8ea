import type { ProviderEvent } from '../../../shared/model/events.std.ts';
import { ackOf, messageOf } from './mapping.node.ts';
import {
  AckHook,
  AckItem,
  EditHook,
  ErrorHook,
  LiveEventHook,
  MessageHook,
  StatusHook,
  snakeCaseIds,
} from './wire.node.ts';

/** What one webhook delivery means: model events, a phone's new status, and what was refused. */
export interface WebhookMeaning {
  events: ProviderEvent[];
  /** A phone's status changed: the connection follows it (QR, signed out, back online). */
  phoneStatus: { phoneId: string; status: string }[];
  accepted: number;
  rejected: { reason: string; raw: unknown }[];
}

/**
 * The one place where Maytapi's webhook bodies become model events: dispatch on `type`, the
 * seed's acks as a bare array, camelCase ids of the seed's generation read as snake_case.
 * Pure: the connection emits what this returns.
 */
export function meaningOf(raw: unknown, phones: ReadonlySet<string>): WebhookMeaning {
  const body = snakeCaseIds(raw);
  const out: WebhookMeaning = { events: [], phoneStatus: [], accepted: 0, rejected: [] };
  const reject = (reason: string, what: unknown = raw) => {
    out.rejected.push({ reason, raw: what });
    return out;
  };
  const accept = (...events: ProviderEvent[]) => {
    out.events.push(...events);
    out.accepted += 1;
    return out;
  };
  const ack = (item: unknown, phoneId: string | undefined) => {
    const parsed = AckItem.safeParse(item);
    if (!parsed.success)
      return void reject(`ack item not understood: ${issue(parsed.error)}`, item);
    const effect = ackOf(parsed.data);
    if (!effect)
      return void reject(`unknown ack code ${parsed.data.ackCode ?? parsed.data.ackType}`, item);
    // The seed's bare array names no phone: the message id finds the row on its own line.
    const phone = parsed.data.phone_id ?? phoneId;
    const lines = phone && phones.has(phone) ? [phone] : [...phones];
    const ref = { provider: parsed.data.msgId };
    accept(
      ...lines.map((line): ProviderEvent =>
        effect === 'deleted'
          ? { kind: 'deleted', line, ref }
          : { kind: 'status', line, ref, status: effect },
      ),
    );
  };

  if (Array.isArray(body)) {
    for (const item of body) ack(item, undefined);
    return out;
  }
  const type = (body as { type?: unknown } | null)?.type;
  switch (type) {
    case 'message': {
      const hook = MessageHook.safeParse(body);
      if (!hook.success) return reject(`message webhook not understood: ${issue(hook.error)}`);
      if (!phones.has(hook.data.phone_id))
        return reject(`message for unknown phone ${hook.data.phone_id}`);
      return accept(messageOf(hook.data));
    }
    case 'ack': {
      const hook = AckHook.safeParse(body);
      if (!hook.success) return reject(`ack webhook not understood: ${issue(hook.error)}`);
      for (const item of hook.data.data) ack(item, hook.data.phone_id ?? undefined);
      return out;
    }
    case 'status': {
      const hook = StatusHook.safeParse(body);
      if (!hook.success || !phones.has(hook.data.phone_id))
        return reject('status webhook for an unknown phone');
      out.phoneStatus.push({ phoneId: hook.data.phone_id, status: hook.data.status });
      out.accepted += 1;
      return out;
    }
    case 'error': {
      const hook = ErrorHook.safeParse(body);
      const message = (hook.success && hook.data.message) || 'Maytapi reported an error.';
      return accept({
        kind: 'workspace',
        key: 'maytapi.lastError',
        value: { message, at: Date.now(), raw: body },
      });
    }
    case 'live_event': {
      const hook = LiveEventHook.safeParse(body);
      if (!hook.success || !phones.has(hook.data.phone_id))
        return reject('live_event not understood');
      return accept({
        kind: 'conversation',
        line: hook.data.phone_id,
        chat: { id: hook.data.conversation },
        meta: { open: hook.data.data.event !== 'closed' },
      });
    }
    case 'message_edit': {
      const hook = EditHook.safeParse(body);
      const text = hook.success ? (hook.data.message.text ?? hook.data.message.body) : undefined;
      if (!hook.success || text == null || !phones.has(hook.data.phone_id))
        return reject('message_edit not understood');
      return accept({
        kind: 'edited',
        line: hook.data.phone_id,
        ref: { provider: hook.data.message.id },
        text,
      });
    }
    default:
      return reject(`unknown webhook type ${JSON.stringify(type ?? null)}`);
  }
}

function issue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const first = error.issues[0];
  return first ? `${first.path.join('.') || 'body'} ${first.message}` : 'invalid';
}
