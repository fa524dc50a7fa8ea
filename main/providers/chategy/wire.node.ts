import { z } from 'zod';

/** Chategy's JSON, as the seed's samples and a third-party integration's live payloads show it. */

const Id = z.union([z.string(), z.number()]).transform(String);
const OptionalId = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v == null || v === '' ? null : String(v)));
const Time = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

export const Instance = z.looseObject({
  id: OptionalId.optional(),
  customer_id: OptionalId.optional(),
});

export const FileData = z.looseObject({
  mime_type: z.string().nullish(),
  caption: z.string().nullish(),
  download_url: z.string().nullish(),
  file_name: z.string().nullish(),
});

export const WireMessage = z.looseObject({
  id: Id,
  timestamp: Time.nullish(),
  type: z.string().nullish(),
  text: z.string().nullish(),
  reply_to_message_id: OptionalId.optional(),
  file_data: FileData.nullish(),
});

const Direction = z
  .string()
  .transform((v) => (v.toLowerCase() === 'outgoing' ? 'outgoing' : 'incoming'));

/** `whatsapp_incoming_msg`: the message sits under `new_message`. */
export const WhatsAppIncoming = z.looseObject({
  instance: Instance.nullish(),
  customer_id: OptionalId.optional(),
  delivery_id: OptionalId.optional(),
  new_message: z.looseObject({
    message: WireMessage,
    direction: Direction,
    sender_id: z.string().nullish(),
    chat_id: z.string().min(1),
    chat_lid: z.string().nullish(),
    chat_phone: OptionalId.optional(),
    chat_name: z.string().nullish(),
    sender_name: z.string().nullish(),
    pushname: z.string().nullish(),
    sender_phone_number: OptionalId.optional(),
  }),
});

/** `tdlib_incoming_msg`, `max_incoming_msg`, `telegram_bot_incoming_msg`: flat. */
export const FlatIncoming = z.looseObject({
  instance: Instance.nullish(),
  customer_id: OptionalId.optional(),
  delivery_id: OptionalId.optional(),
  chat_id: Id,
  chat_type: z.string().nullish(),
  chat_name: z.string().nullish(),
  direction: Direction,
  timestamp: Time.nullish(),
  message: WireMessage,
  sender_id: OptionalId.optional(),
  sender_name: z.string().nullish(),
  sender_phone_number: OptionalId.optional(),
  recipient_phone_number: OptionalId.optional(),
  recipient_username: z.string().nullish(),
});

export const TdlibCall = z.looseObject({
  instance: Instance.nullish(),
  customer_id: OptionalId.optional(),
  call: z.looseObject({
    id: Id,
    is_video: z.boolean().nullish(),
    state: z.string().nullish(),
    reason: z.string().nullish(),
  }),
  chat_id: Id,
  chat_type: z.string().nullish(),
  direction: Direction,
  sender_id: OptionalId.optional(),
  sender_name: z.string().nullish(),
  sender_phone_number: OptionalId.optional(),
});

export const WhatsAppCall = z.looseObject({
  instance: Instance.nullish(),
  customer_id: OptionalId.optional(),
  incoming_call: z.looseObject({
    call: z.looseObject({
      id: Id,
      timestamp: Time.nullish(),
      type: z.string().nullish(),
      is_group: z.boolean().nullish(),
    }),
    direction: Direction.nullish(),
    sender_id: z.string().nullish(),
    chat_id: z.string().min(1),
    chat_phone: OptionalId.optional(),
  }),
});

export const WhatsAppStatus = z.looseObject({
  instance: Instance.nullish(),
  customer_id: OptionalId.optional(),
  delivery_id: OptionalId.optional(),
  message_status: z.looseObject({ id: Id, status: z.string(), chat_id: z.string().nullish() }),
});

export const LogEvent = z.looseObject({
  instance: Instance.nullish(),
  customer_id: OptionalId.optional(),
  phone: z.string().nullish(),
  status: z
    .looseObject({ status_id: z.number().nullish(), description: z.string().nullish() })
    .nullish(),
});

export const Envelope = z.looseObject({ type: z.string(), payload: z.unknown() });

/**
 * The per-delivery `callback_url` body (seed: "Callback structure"): no `type`, just the
 * delivery's final status and the channel that produced it.
 */
export const DeliveryCallback = z.looseObject({
  delivery: z.looseObject({
    id: Id,
    sender_name: z.string().nullish(),
    status: z.looseObject({
      status_id: z.number(),
      description: z.string().nullish(),
      dispatch_routing: z.string().nullish(),
    }),
  }),
});
export type DeliveryCallback = z.infer<typeof DeliveryCallback>;

/** `GET /api/v1/account`. */
export const Account = z.looseObject({
  token: z.string().nullish(),
  total_amount: z.union([z.string(), z.number()]).nullish(),
  customer_id: OptionalId.optional(),
  subscription_paid_until: z.string().nullish(),
  subscription_status: z.string().nullish(),
  subscription_cost: z.union([z.string(), z.number()]).nullish(),
  tdlib_session: z.number().nullish(),
  whatsapp_session: z.number().nullish(),
  max_session: z.number().nullish(),
  whatsapp_phone: z.string().nullish(),
});
export type Account = z.infer<typeof Account>;

/** A delivery as `/delivery` creates it (flat status) or `GET /delivery/{id}` reads it (nested). */
export const Delivery = z.looseObject({
  id: Id,
  status_id: z.number().nullish(),
  status_description: z.string().nullish(),
  status: z.looseObject({ status_id: z.number(), description: z.string().nullish() }).nullish(),
});
export type Delivery = z.infer<typeof Delivery>;

export const Webhook = z.looseObject({
  id: Id,
  url: z.string(),
  types: z.array(z.string()).nullish(),
});

/** Phoenix `auth_state` payloads. */
export const TelegramAuthState = z.looseObject({ status: z.string() });
export const WhatsAppAuthState = z.looseObject({
  auth: z.boolean().nullish(),
  qr_code: z.string().nullish(),
  in_progress: z.boolean().nullish(),
});
