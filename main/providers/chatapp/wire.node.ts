import { z } from 'zod';

/**
 * ChatApp's wire format, as the seeds and public clients show it. Lenient where ChatApp is
 * inconsistent (ids as numbers or strings, two envelope generations), strict where a
 * wrong value would put a message in the wrong place.
 */
export const Id = z.union([z.string().min(1), z.number()]).transform(String);
const OptionalText = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);

export const Chat = z.looseObject({
  id: Id,
  hash: z.string().nullish(),
  type: z.string().nullish(),
  phone: z
    .union([z.string(), z.number()])
    .nullish()
    .transform((v) => (v == null ? undefined : String(v))),
  username: z.string().nullish(),
  name: z.string().nullish(),
  image: z.string().nullish(),
});

export const FromUser = z.looseObject({
  id: Id,
  username: z.string().nullish(),
  name: z.string().nullish(),
  phone: z.union([z.string(), z.number()]).nullish(),
});

const File = z.looseObject({
  link: z.string().nullish(),
  url: z.string().nullish(),
  name: z.string().nullish(),
  fileName: z.string().nullish(),
  mime: z.string().nullish(),
  mimeType: z.string().nullish(),
  size: z.number().nullish(),
});

export const MessageItem = z.looseObject({
  id: Id,
  internalId: Id.nullish(),
  fromApi: z.boolean().nullish(),
  fromMe: z.boolean().nullish(),
  side: z.enum(['in', 'out']).nullish(),
  time: z.number().nullish(),
  type: z.string().nullish(),
  message: z
    .looseObject({ text: OptionalText, caption: OptionalText, file: File.nullish() })
    .nullish(),
  quotedMessage: z
    .looseObject({
      id: Id,
      message: z.looseObject({ text: OptionalText }).nullish(),
      fromUser: FromUser.nullish(),
    })
    .nullish(),
  fromUser: FromUser.nullish(),
  chat: Chat.nullish(),
  fromApp: z.looseObject({ id: z.string().nullish() }).nullish(),
});
export type MessageItem = z.infer<typeof MessageItem>;

export const StatusItem = z.looseObject({
  id: Id,
  type: z.string(),
  time: z.number().nullish(),
  chat: Chat.nullish(),
  error: z
    .union([
      z.string(),
      z.looseObject({
        code: z.union([z.string(), z.number()]).nullish(),
        message: z.string().nullish(),
      }),
    ])
    .nullish(),
});

export const SystemItem = z.looseObject({
  id: Id,
  message: z.looseObject({ text: OptionalText }).nullish(),
  time: z.number().nullish(),
  chat: Chat.nullish(),
});
export const DestroyItem = z.looseObject({ id: Id, time: z.number().nullish() });
export const ReactionItem = z.looseObject({
  id: Id,
  reaction: z.string().nullish(),
  action: z.string().nullish(),
  fromMe: z.boolean().nullish(),
  fromUser: FromUser.nullish(),
});
const Tag = z.looseObject({ id: Id, name: z.string(), color: z.string().nullish() });
export const TagItem = z.looseObject({
  type: z.enum(['add', 'destroy']),
  tag: Tag,
  chat: z.looseObject({ id: Id }),
});
export const ConversationItem = z.looseObject({
  conversation: z.looseObject({
    id: Id,
    type: z.string().nullish(),
    startTime: z.number().nullish(),
    endTime: z.number(),
  }),
  chat: z.looseObject({ id: Id }),
});
export const ChatStatusItem = z.looseObject({ type: z.string(), chat: z.looseObject({ id: Id }) });

/** Both generations: seed000 wraps in `{queue, payload}`, seed001 sends `{data, meta}` bare. */
const Body = z.looseObject({ data: z.array(z.unknown()), meta: z.unknown().optional() });
const Wrapped = z.looseObject({ queue: z.string().optional(), payload: Body });

export function itemsOf(raw: unknown): unknown[] | null {
  const wrapped = Wrapped.safeParse(raw);
  if (wrapped.success) return wrapped.data.payload.data;
  const bare = Body.safeParse(raw);
  return bare.success ? bare.data.data : null;
}

/** `private-v1.licenses.{licenseId}.messengers.{type}` */
const LINE_CHANNEL = /^private-v1\.licenses\.(\d+)\.messengers\.([\w-]+)$/;

export function lineChannel(licenseId: string, messengerType: string): string {
  return `private-v1.licenses.${licenseId}.messengers.${messengerType}`;
}

export function lineOfChannel(channel: string): string | null {
  const m = LINE_CHANNEL.exec(channel);
  return m ? `${m[1]}:${m[2]}` : null;
}

export const companyChannel = (companyId: string) => `private-v1.companies.${companyId}`;
export const userChannel = (userId: string) => `private-v1.users.${userId}`;

// REST

export const TokenData = z.looseObject({
  cabinetUserId: Id.nullish(),
  accessToken: z.string().min(1),
  accessTokenEndTime: z.number(),
  refreshToken: z.string().min(1),
  refreshTokenEndTime: z.number(),
});
export type TokenData = z.infer<typeof TokenData>;

export const License = z.looseObject({
  licenseId: Id,
  licenseTo: z.union([z.string(), z.number()]).nullish(),
  active: z.boolean().nullish(),
  name: z.string().nullish(),
  messenger: z
    .array(
      z.looseObject({
        type: z.string(),
        phone: z.union([z.string(), z.number()]).nullish(),
        name: z.string().nullish(),
      }),
    )
    .default([]),
});

export const ChatListItem = Chat.extend({
  lastTime: z.number().nullish(),
  unreadCount: z.number().nullish(),
  lastMessage: MessageItem.nullish(),
});

export const Page = <T extends z.ZodType>(item: T) =>
  z.looseObject({ items: z.array(item), nextPage: z.string().nullish() });

export const SendReply = z.looseObject({ id: Id, internalId: Id.nullish(), chatId: Id.nullish() });

export const ErrorBody = z.looseObject({
  success: z.literal(false),
  error: z
    .looseObject({
      code: z.union([z.string(), z.number()]).nullish(),
      message: z.string().nullish(),
    })
    .nullish(),
});
