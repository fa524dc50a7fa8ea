import { z } from 'zod';

const Id = z.union([z.string().min(1), z.number()]).transform(String);

export const Phone = z.looseObject({
  id: Id,
  number: z.union([z.string(), z.number()]).nullish(),
  status: z.string().nullish(),
  name: z.string().nullish(),
});
export type Phone = z.infer<typeof Phone>;

export const PhoneStatus = z.looseObject({
  success: z.boolean().optional(),
  status: z.looseObject({
    loggedIn: z.boolean().nullish(),
    isQr: z.boolean().nullish(),
    loading: z.boolean().nullish(),
    connRetry: z.boolean().nullish(),
    message: z.string().nullish(),
    number: z.union([z.string(), z.number()]).nullish(),
    state: z.looseObject({ state: z.string().nullish(), canSend: z.boolean().nullish() }).nullish(),
  }),
});

export const IncomingMessage = z.looseObject({
  /** Absent from seed 002's example; the caller then derives a stable one. */
  id: Id.optional(),
  type: z.string(),
  fromMe: z.boolean().nullish(),
  text: z.string().nullish(),
  url: z.string().nullish(),
  caption: z.string().nullish(),
  filename: z.string().nullish(),
  mime: z.string().nullish(),
  payload: z.string().nullish(),
  vcardList: z
    .array(z.looseObject({ displayName: z.string().nullish(), vcard: z.string().nullish() }))
    .nullish(),
  subtype: z.string().nullish(),
  participant: z.string().nullish(),
});

/**
 * Seed 002's older webhooks spell the ids in camelCase (`productId`, `phoneId` as a number);
 * 1.9.1 in snake_case. Both are read as the latter.
 */
export function snakeCaseIds(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const b = body as Record<string, unknown>;
  if (b.phone_id !== undefined || (b.phoneId === undefined && b.productId === undefined))
    return body;
  return { ...b, phone_id: b.phoneId, product_id: b.product_id ?? b.productId };
}

export const MessageHook = z.looseObject({
  type: z.literal('message'),
  phone_id: Id,
  message: IncomingMessage,
  user: z
    .looseObject({
      id: z.string().nullish(),
      name: z.string().nullish(),
      phone: z.union([z.string(), z.number()]).nullish(),
      image: z.string().nullish(),
    })
    .nullish(),
  conversation: z.string().min(1),
  conversation_name: z.string().nullish(),
  timestamp: z.number(),
  quoted: z
    .looseObject({ id: Id, text: z.string().nullish(), caption: z.string().nullish() })
    .nullish(),
});

export const AckItem = z.looseObject({
  ackType: z.string().nullish(),
  ackCode: z.number().nullish(),
  chatId: z.string().nullish(),
  msgId: Id,
  time: z.number().nullish(),
  phone_id: Id.nullish(),
});
export type AckItem = z.infer<typeof AckItem>;

/** 1.9.1's `{type:'ack', data:[…]}`; the seed's bare array is handled by the caller. */
export const AckHook = z.looseObject({
  type: z.literal('ack'),
  phone_id: Id.nullish(),
  data: z.array(z.unknown()),
});
export const StatusHook = z.looseObject({
  type: z.literal('status'),
  phone_id: Id,
  status: z.string(),
});
export const ErrorHook = z.looseObject({
  type: z.literal('error'),
  phone_id: Id.nullish(),
  message: z.string().nullish(),
});
export const LiveEventHook = z.looseObject({
  type: z.literal('live_event'),
  phone_id: Id,
  conversation: z.string(),
  data: z.looseObject({ event: z.string() }),
});
export const EditHook = z.looseObject({
  type: z.literal('message_edit'),
  phone_id: Id,
  message: z.looseObject({ id: Id, text: z.string().nullish(), body: z.string().nullish() }),
});

export const SendReply = z.looseObject({
  success: z.literal(true),
  data: z.looseObject({ chatId: z.string().nullish(), msgId: Id }),
});
