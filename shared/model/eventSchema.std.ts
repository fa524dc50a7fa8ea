import { z } from 'zod';
import { DeliveryStatus } from './delivery.std.ts';
import { ConversationKind, Direction, MessageType, Origin } from './entities.std.ts';

/**
 * The runtime check of every normalized event where it enters the core's cache. A provider's
 * mapping is our code, but its input is not: a timestamp that is not a date, an empty id or
 * a megabyte of text must be refused here, with a reason, before it reaches SQLite.
 */

/** Earliest believable message time: no messenger we carry predates it. */
export const EARLIEST_TIME = Date.UTC(2000, 0, 1);
/** How far ahead of our clock a provider's clock may run before its time is absurd. */
export const MAX_CLOCK_AHEAD_MS = 30 * 24 * 3600 * 1000;
/** WhatsApp's own limit is 65,536 characters; Telegram's 4,096. */
export const MAX_TEXT = 100_000;
const MAX_ID = 512;
const MAX_URL = 16_384;
const MAX_NAME = 1024;

const Id = z.string().min(1, 'is empty').max(MAX_ID, `is longer than ${MAX_ID} characters`);
const Name = z.string().max(MAX_NAME);
const Text = z.string().max(MAX_TEXT, `is longer than ${MAX_TEXT} characters`);
const Url = z.string().max(MAX_URL);
const Finite = z.number({ error: 'is not a finite number' });

const Time = z
  .number({ error: 'is not a date' })
  .refine((t) => t >= EARLIEST_TIME, 'is before the year 2000')
  .refine((t) => t <= Date.now() + MAX_CLOCK_AHEAD_MS, 'is more than 30 days in the future');

const MessageRef = z
  .object({ provider: Id.optional(), internal: Id.optional(), clientRef: Id.optional() })
  .refine(
    (r) => r.provider !== undefined || r.internal !== undefined || r.clientRef !== undefined,
    'names no id',
  );

const ChatRef = z.object({
  id: Id,
  kind: ConversationKind.optional(),
  title: Name.optional(),
  phone: z.string().max(64).optional(),
  avatarUrl: Url.optional(),
});

const Media = z.object({
  url: Url.optional(),
  urlExpiresAt: Finite.optional(),
  mime: z.string().max(256).optional(),
  fileName: Name.optional(),
  size: Finite.refine((n) => n >= 0, 'is negative').optional(),
  localPath: z.string().max(4096).optional(),
});

const NormalizedMessage = z.object({
  ids: MessageRef,
  direction: Direction,
  origin: Origin,
  type: MessageType,
  text: Text.optional(),
  media: Media.optional(),
  location: z
    .object({
      lat: Finite.refine((n) => Math.abs(n) <= 90, 'is not a latitude'),
      lng: Finite.refine((n) => Math.abs(n) <= 180, 'is not a longitude'),
      name: Name.optional(),
    })
    .optional(),
  quoted: z
    .object({ providerId: Id, preview: Text.optional(), senderName: Name.optional() })
    .optional(),
  sender: z
    .object({ id: Id, name: Name.optional(), phone: z.string().max(64).optional() })
    .optional(),
  time: Time,
  status: DeliveryStatus.optional(),
  edited: z.boolean().optional(),
  deleted: z.boolean().optional(),
});

const Line = z.string().min(1).max(300);

export const CacheEventSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('message'),
    line: Line,
    chat: ChatRef,
    message: NormalizedMessage,
    historical: z.boolean().optional(),
    receivedAt: Finite.optional(),
  }),
  z.object({ kind: z.literal('status'), line: Line, ref: MessageRef, status: DeliveryStatus }),
  z.object({ kind: z.literal('deleted'), line: Line, ref: MessageRef }),
  z.object({ kind: z.literal('edited'), line: Line, ref: MessageRef, text: Text }),
  z.object({
    kind: z.literal('reaction'),
    line: Line,
    ref: MessageRef,
    from: Id,
    emoji: z.string().max(64).nullable(),
  }),
  z.object({
    kind: z.literal('conversation'),
    line: Line,
    chat: ChatRef,
    meta: z.record(z.string(), z.unknown()).optional(),
    unread: z.number().int().min(0).max(10_000_000).optional(),
  }),
  z.object({
    kind: z.literal('tag'),
    line: Line,
    chat: ChatRef,
    tag: z.object({ id: Id, name: Name, color: z.string().max(64).optional() }),
    op: z.enum(['add', 'remove']),
  }),
]);

/** Why an event cannot be stored, in a line for the quarantine; undefined when it can. */
export function eventProblem(event: unknown): string | undefined {
  const parsed = CacheEventSchema.safeParse(event);
  if (parsed.success) return undefined;
  return parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'event'} ${issue.message}`)
    .join('; ');
}
