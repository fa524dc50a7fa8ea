import type { DeliveryStatus } from '../../shared/model/delivery.std.ts';
import type { Message } from '../../shared/model/entities.std.ts';
import type { MessageRef, ProviderEvent } from '../../shared/model/events.std.ts';
import type { LoginMethod, LoginState, LoginStep } from '../../shared/model/login.std.ts';
import type { ProviderDescriptor } from '../../shared/ipc/providers.std.ts';
import { say, type Words } from '../../shared/words/coreWords.std.ts';

/**
 * A provider plug-in: one folder holding its client, its mapping to the unified model and
 * its simulator. Nothing outside that folder knows its wire format; the core sees only
 * this interface and the normalized events it emits.
 */
export interface ProviderPlugin {
  readonly descriptor: ProviderDescriptor;
  /**
   * Checks and normalizes the add-account form. Throws SwitchboardError('invalid_request')
   * with field issues, in words a user understands.
   */
  parseAccount(input: AccountInput): AccountInput;
  /**
   * Proves the credentials work before anything is saved (e.g. ChatApp `POST /v1/tokens`).
   * Throws SwitchboardError('auth' | 'unavailable'). May return secrets to keep (tokens).
   */
  verify(input: AccountInput, signal: AbortSignal): Promise<{ secrets?: Record<string, string> }>;
  /** Opens the account's live connection; the core calls `start` then, on removal or quit, `stop`. */
  connect(context: ProviderContext): ProviderConnection;
}

export interface AccountInput {
  config: Record<string, string>;
  secrets: Record<string, string>;
}

/** What the core lends a running connection. */
export interface ProviderContext {
  readonly accountId: string;
  readonly config: Readonly<Record<string, string>>;
  readonly secrets: SecretAccess;
  /** Normalized events out; the core batches them into SQLite and on to the UI. */
  emit(event: ProviderEvent): void;
  /** Resolves once everything emitted so far is durably stored (a webhook answers 200 only then). */
  flushed(): Promise<void>;
  /** Input that could not be understood: kept with its reason, never thrown at the connection. */
  quarantine(source: string, reason: string, raw: unknown, line?: string): void;
  /** What the cache already holds, for gap-fill after a reconnect. */
  readonly cache: CacheView;
  /** This account's public webhook URL, for webhook-fed providers; null until configured. */
  webhookUrl(): string | null;
  /** Aborted when the connection is stopped. */
  readonly signal: AbortSignal;
  readonly log: Logger;
}

export interface SecretAccess {
  get(key: string): string | undefined;
  /** Persists refreshed tokens through the platform's secret store. */
  set(key: string, value: string): void;
}

export interface CacheView {
  /**
   * The newest cached message of a chat; with `before`, the newest older than that. Gap-fill
   * pages back to what was held before the drop: a live message that arrived since must not
   * count as "known", or the outage's messages would never be fetched.
   */
  lastMessageOf(
    line: string,
    chatId: string,
    before?: number,
  ): (Message & { ids?: MessageRef }) | undefined;
  activeChats(line: string, limit: number): { chatId: string; lastMessageTime: number | null }[];
  /** `internal` ids of our messages since `sinceMs` not yet read or failed: status polling resumes after a restart. */
  unsettledOutgoing(line: string, sinceMs: number, limit: number): string[];
}

export interface Logger {
  info(message: string, detail?: Record<string, unknown>): void;
  warn(message: string, detail?: Record<string, unknown>): void;
  error(message: string, detail?: Record<string, unknown>): void;
}

export interface ProviderConnection {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Absent for providers whose lines are paired elsewhere (ChatApp's cabinet). */
  readonly login?: LoginDriver;
  send(request: SendRequest): Promise<SendResult>;
  /** Absent for providers without a history API (Maytapi, Chategy): the cache is the record. */
  readonly history?: HistorySource;
  /** Present for webhook-fed providers (Maytapi, Chategy); the shared ingress calls it. */
  readonly webhook?: WebhookSink;
  /** Sends read receipts up to `last` (the contact sees blue ticks). */
  markRead?(line: string, chatId: string, last: MessageRef): Promise<void>;
  /** Adds a line at the provider, where it allows (Maytapi addPhone). */
  addLine?(): Promise<void>;
  /** Absent where the provider has no reactions API. `emoji` null removes ours. */
  react?(line: string, chatId: string, ref: MessageRef, emoji: string | null): Promise<void>;
  deleteForEveryone?(line: string, chatId: string, ref: MessageRef): Promise<void>;
  /** Sends carry `clientRef` as an idempotency key (Chategy `external_id`): a repeat is never delivered twice. */
  readonly idempotentSends?: boolean;
  /**
   * After a crash mid-send: our outgoing messages in the chat's recent history that may be
   * that send, newest first. Absent where the provider has no history to look in.
   */
  findSent?(query: SentQuery): Promise<MessageRef[]>;
}

export interface SentQuery {
  line: string;
  chatId: string;
  text?: string;
  fileName?: string;
  /** When the interrupted attempt started (epoch ms). */
  since: number;
}

/** Whether a message from a provider's history looks like the send a query describes. */
export function looksLikeSend(
  query: SentQuery,
  message: { direction: string; time: number; text?: string; media?: { fileName?: string } },
): boolean {
  // A few seconds of clock difference between the provider and this computer.
  if (message.direction !== 'out' || message.time < query.since - 10_000) return false;
  if (
    query.fileName !== undefined &&
    message.media?.fileName !== undefined &&
    message.media.fileName !== query.fileName
  )
    return false;
  return (message.text ?? '') === (query.text ?? '');
}

export interface LoginDriver {
  readonly methods: readonly LoginMethod[];
  start(line: string, method: LoginMethod): Promise<LoginState>;
  submit(line: string, step: LoginStep): Promise<LoginState>;
  cancel(line: string): Promise<LoginState>;
  logout(line: string): Promise<LoginState>;
}

export interface SendRequest {
  line: string;
  chatId: string;
  /**
   * Stable per message across retries and restarts: providers with idempotent sends
   * (Chategy `external_id` + checksum) pass it on so a retry is never delivered twice.
   */
  clientRef: string;
  text?: string;
  attachment?: { fileName: string; mime: string; data: Uint8Array };
  location?: { lat: number; lng: number; name?: string };
  replyTo?: MessageRef;
  /** Which attempt this is, starting at 1. */
  attempt: number;
}

export interface SendResult {
  /** Whatever ids the provider returned; echoes and receipts are matched on them. */
  ids: MessageRef;
  status?: DeliveryStatus;
}

/** A send that did not go through: retryable ones stay in the outbox. */
export class SendFailure extends Error {
  /** The reason as a key and values, when it has a translation. */
  readonly words: Words | undefined;

  constructor(
    message: string | Words,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
    readonly code?: string | number,
  ) {
    super(typeof message === 'string' ? message : (say(message, 'en') ?? message.key));
    this.words = typeof message === 'string' ? undefined : message;
    this.name = 'SendFailure';
  }
}

export interface HistorySource {
  /**
   * Emits (as historical message events) the page of messages older than `before` in a
   * chat, and tells whether older ones remain on the provider.
   */
  loadOlder(
    line: string,
    chatId: string,
    before: { time: number; ids?: MessageRef } | null,
  ): Promise<{ more: boolean }>;
}

export interface WebhookSink {
  /**
   * Parses one delivery and emits its events; what cannot be understood goes to quarantine.
   * Says how many items were taken and refused; the ingress then waits for the store.
   */
  receive(
    body: unknown,
    headers: Record<string, string | undefined>,
  ): { accepted: number; rejected: number };
  /** The provider's current webhook URL, to show and to avoid replacing someone else's. */
  registered?(): Promise<string | null>;
  /** Points the provider's webhook at `url` (Maytapi setWebhook; Chategy webhooks CRUD). */
  register?(url: string): Promise<void>;
}
