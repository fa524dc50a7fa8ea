import { z } from 'zod';
import { Account, Conversation, Line, Message, SearchHit } from '../model/entities.std.ts';
import { AccountId, ConversationId, LineId, MessageId, ProviderKind } from '../model/ids.std.ts';
import { LoginMethod, LoginState, LoginStep } from '../model/login.std.ts';
import { ConnectionState } from '../model/connection.std.ts';
import { SecretStorage, Settings, SettingsPatch } from '../model/settings.std.ts';
import { ProviderDescriptor } from './providers.std.ts';
import { IpcError } from './errors.std.ts';

const Empty = z.object({}).strict();
const Ok = z.object({ ok: z.literal(true) });

const ConversationCursor = z.object({ activityKey: z.number(), id: ConversationId });

/** Limits on what a renderer may ask for, so one request cannot pin the core. */
const PageLimit = z.number().int().min(1).max(500);

/** The largest file Switchboard sends (the strictest gateway's limit); checked before reading it and again in the core. */
export const MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024;

/** An upload the bridge took ahead of the send (`POST /upload`), by its id. */
export const UploadId = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

export const Attachment = z
  .object({
    fileName: z.string().min(1).max(255),
    mime: z.string().max(255),
    size: z.number().int().nonnegative(),
    /**
     * The content: inline base64 over Electron IPC, which has no frame limit; an upload id
     * in browser mode, so no file ever travels in a WebSocket frame.
     */
    dataBase64: z.string().optional(),
    uploadId: UploadId.optional(),
  })
  .refine(
    (a) => (a.dataBase64 === undefined) !== (a.uploadId === undefined),
    'an attachment has either its data or an upload id',
  );
export type Attachment = z.infer<typeof Attachment>;

const UnreadCounts = z.object({
  total: z.number().int().nonnegative(),
  lines: z.record(LineId, z.number().int().nonnegative()),
});

/**
 * Every request the renderer can make: name → params and result. Params are validated
 * where they enter the core; results and events where they enter the renderer.
 */
export const methods = {
  'app.info': {
    params: Empty,
    result: z.object({
      version: z.string(),
      demo: z.boolean(),
      electron: z.boolean(),
      secrets: SecretStorage,
      /** What went wrong while starting (a damaged settings file), for the page to say until dismissed. */
      problems: z.array(IpcError),
      /** The log file's path, for Settings ("the details are in the log" must say where). */
      logFile: z.string().nullable(),
    }),
  },
  'providers.list': { params: Empty, result: z.array(ProviderDescriptor) },
  'accounts.list': {
    params: Empty,
    result: z.object({ accounts: z.array(Account), lines: z.array(Line) }),
  },
  'accounts.add': {
    params: z.object({
      provider: ProviderKind,
      label: z.string().trim().min(1).max(80),
      config: z.record(z.string(), z.string().max(2048)),
      secrets: z.record(z.string(), z.string().max(8192)),
    }),
    result: Account,
  },
  'accounts.update': {
    params: z.object({
      id: AccountId,
      label: z.string().trim().min(1).max(80).optional(),
      config: z.record(z.string(), z.string().max(2048)).optional(),
      secrets: z.record(z.string(), z.string().max(8192)).optional(),
    }),
    result: Account,
  },
  'accounts.remove': { params: z.object({ id: AccountId }), result: Ok },
  /** Account-wide data the provider reports: employee status, quick responses, balance. */
  'accounts.workspace': {
    params: z.object({ accountId: AccountId }),
    result: z.record(z.string(), z.unknown()),
  },
  /** Adds a line at the provider where it can (a new Maytapi phone). */
  'lines.add': { params: z.object({ accountId: AccountId }), result: Ok },
  /** A webhook-fed account's URLs and what the provider currently calls. */
  'webhooks.info': {
    params: z.object({ accountId: AccountId }),
    result: z.object({
      localUrl: z.string().nullable(),
      publicUrl: z.string().nullable(),
      registered: z.string().nullable(),
      /** Events that arrive while the app is closed are lost unless the provider retries. */
      gapWarning: z.string(),
    }),
  },
  'webhooks.register': {
    params: z.object({ accountId: AccountId, replaceForeign: z.boolean() }),
    result: z.object({ url: z.string(), previous: z.string().nullable() }),
  },
  /** A new URL secret for the account, registered at the provider; the old URL stops working. */
  'webhooks.reissue': {
    params: z.object({ accountId: AccountId }),
    result: z.object({ url: z.string(), previous: z.string().nullable() }),
  },
  /** What could not be understood, newest first, for the view that lists it. */
  'quarantine.list': {
    params: z.object({
      accountId: AccountId.optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    result: z.object({
      total: z.number().int(),
      items: z.array(
        z.object({
          id: z.number().int(),
          accountId: z.string().nullable(),
          source: z.string(),
          reason: z.string(),
          receivedAt: z.number(),
          replays: z.number().int(),
          size: z.number().int(),
        }),
      ),
    }),
  },
  /** Offers an account's quarantined webhooks again (after an upgrade, or once its lines exist). */
  'quarantine.replay': {
    params: z.object({ accountId: AccountId }),
    result: z.object({ applied: z.number().int(), kept: z.number().int() }),
  },
  'webhooks.test': {
    params: z.object({ accountId: AccountId }),
    result: z.object({ ok: z.literal(true), ms: z.number() }),
  },
  'lines.setMuted': { params: z.object({ lineId: LineId, muted: z.boolean() }), result: Ok },
  'login.start': { params: z.object({ lineId: LineId, method: LoginMethod }), result: LoginState },
  'login.submit': { params: z.object({ lineId: LineId, step: LoginStep }), result: LoginState },
  'login.cancel': { params: z.object({ lineId: LineId }), result: LoginState },
  'login.logout': { params: z.object({ lineId: LineId }), result: LoginState },
  'conversations.list': {
    params: z.object({
      accountId: AccountId.optional(),
      lineId: LineId.optional(),
      unreadOnly: z.boolean().optional(),
      after: ConversationCursor.optional(),
      limit: PageLimit,
    }),
    result: z.object({ items: z.array(Conversation), next: ConversationCursor.nullable() }),
  },
  'conversations.get': { params: z.object({ id: ConversationId }), result: Conversation },
  /** Mutes one chat until then (epoch ms; MUTED_FOREVER: always), or unmutes it (null). */
  'conversations.setMuted': {
    params: z.object({ id: ConversationId, until: z.number().int().nullable() }),
    result: Conversation,
  },
  /** Marks a read chat unread, to come back to it; reading it clears the mark. */
  'conversations.markUnread': { params: z.object({ id: ConversationId }), result: Conversation },
  /** Read the chat: all of it, or up to and including `upTo`, the last message the user saw. */
  'conversations.markRead': {
    params: z.object({ id: ConversationId, upTo: MessageId.optional() }),
    result: Ok,
  },
  'messages.page': {
    params: z
      .object({
        conversationId: ConversationId,
        /** Older than this message (scrolling up). */
        before: MessageId.optional(),
        /** Newer than this message (scrolling down after a jump). */
        after: MessageId.optional(),
        /** Centered on this message (opening a search hit). */
        around: MessageId.optional(),
        limit: PageLimit,
      })
      .refine((p) => [p.before, p.after, p.around].filter((v) => v !== undefined).length <= 1, {
        message: 'Use at most one of before, after, around',
      }),
    result: z.object({
      items: z.array(Message),
      hasOlder: z.boolean(),
      hasNewer: z.boolean(),
      /** Older messages are being fetched from the provider; `messages.invalidated` follows. */
      loadingOlder: z.boolean().optional(),
    }),
  },
  'messages.send': {
    params: z
      .object({
        conversationId: ConversationId,
        /** Idempotency key chosen by the renderer: the same key twice sends once. */
        clientRef: z.string().min(8).max(64),
        text: z.string().max(65536).optional(),
        attachment: Attachment.optional(),
        location: z
          .object({
            lat: z.number().min(-90).max(90),
            lng: z.number().min(-180).max(180),
            name: z.string().max(256).optional(),
          })
          .optional(),
        replyTo: MessageId.optional(),
      })
      .refine(
        (p) =>
          (p.text?.trim().length ?? 0) > 0 ||
          p.attachment !== undefined ||
          p.location !== undefined,
        {
          message: 'A message needs text, an attachment or a location',
        },
      ),
    result: Message,
  },
  /** Deletes one of our messages for everyone in the chat. */
  'messages.deleteForEveryone': { params: z.object({ id: MessageId }), result: Message },
  /** React to a message; null takes our reaction back. */
  'messages.react': {
    params: z.object({ id: MessageId, emoji: z.string().min(1).max(16).nullable() }),
    result: Message,
  },
  'messages.retry': { params: z.object({ id: MessageId }), result: Message },
  /** Drops one of our sends that never reached the provider (failed, or waiting to go): it is never sent. */
  'messages.discard': { params: z.object({ id: MessageId }), result: Ok },
  search: {
    params: z.object({
      query: z.string().max(512),
      conversationId: ConversationId.optional(),
      /** Hits older than this message id (next page). */
      before: MessageId.optional(),
      limit: PageLimit,
    }),
    /** indexing: a burst or a rebuild is still being indexed, so older hits may be missing. */
    result: z.object({ hits: z.array(SearchHit), indexing: z.boolean() }),
  },
  /** Demo workspace: the phone "scans" the QR shown for a demo line. */
  'demo.simulateScan': { params: z.object({ lineId: LineId }), result: Ok },
  /** Removes the demo workspace: its accounts, their chats, the simulators. */
  'demo.remove': { params: Empty, result: Ok },
  /** Which conversation is on screen (null: none, or the window is not focused): no notifications for it. */
  'ui.focus': { params: z.object({ conversationId: ConversationId.nullable() }), result: Ok },
  /** Unread messages: the total outside muted lines (the badge), and per line. */
  'unread.counts': { params: Empty, result: UnreadCounts },
  /** Where the OS has no keyring: keep account secrets on disk anyway (true) or in memory only. */
  'secrets.storeWithoutKeyring': {
    params: z.object({ allow: z.boolean() }),
    result: SecretStorage,
  },
  'settings.get': { params: Empty, result: Settings },
  'settings.set': { params: SettingsPatch, result: Settings },
} as const;

export type MethodName = keyof typeof methods;
export type Params<M extends MethodName> = z.input<(typeof methods)[M]['params']>;
export type Result<M extends MethodName> = z.infer<(typeof methods)[M]['result']>;

/** Everything the core pushes without being asked. */
export const events = {
  'accounts.changed': z.object({ accounts: z.array(Account), lines: z.array(Line) }),
  'connection.changed': z.object({ accountId: AccountId, state: ConnectionState }),
  'login.changed': z.object({ lineId: LineId, state: LoginState }),
  'workspace.changed': z.object({ accountId: AccountId, key: z.string(), value: z.unknown() }),
  'conversations.upserted': z.object({ conversations: z.array(Conversation) }),
  'messages.upserted': z.object({ conversationId: ConversationId, messages: z.array(Message) }),
  /** Rows that turned out to be copies of another message and were merged into it. */
  'messages.removed': z.object({ conversationId: ConversationId, ids: z.array(MessageId) }),
  /** Too many conversations changed to push one by one: reload the list. */
  'conversations.invalidated': z.object({}),
  /** Too much changed to push row by row (a history back-fill): reload what is shown. */
  'messages.invalidated': z.object({ conversationId: ConversationId }),
  'settings.changed': Settings,
  /** The unread counts changed (sent at most a few times a second). */
  'unread.changed': UnreadCounts,
  /** Something the user should know that belongs to no request: a full disk, a locked cache. */
  problem: IpcError,
  /** New messages worth a notification (rules applied, bursts grouped per conversation). */
  notification: z.object({
    conversationId: ConversationId,
    messageId: MessageId,
    title: z.string(),
    body: z.string(),
    count: z.number().int().positive(),
  }),
  /**
   * Said by the process that hosts the core (the desktop shell, or a Node host), not by the
   * core: its process ended and is being started again, or is back. The page shows
   * "reconnecting" meanwhile and reloads what it shows once the core is back.
   */
  'core.status': z.object({ state: z.enum(['restarting', 'ready']) }),
  /** The desktop shell asks the window to show something: a clicked notification or switchboard:// link, an account picked in the tray. */
  'ui.open': z.union([
    z.object({ conversationId: ConversationId, messageId: MessageId.optional() }).strict(),
    z.object({ accountId: AccountId }).strict(),
  ]),
} as const;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
