import fs from 'node:fs';
import path from 'node:path';
import type { Message } from '../../shared/model/entities.std.ts';
import type { MessageRef } from '../../shared/model/events.std.ts';
import { MAX_ATTACHMENT_BYTES, type Attachment } from '../../shared/ipc/contract.std.ts';
import { SwitchboardError } from '../../shared/ipc/errors.std.ts';
import type { Cache } from '../db/cache.node.ts';
import type { CacheEvent } from '../db/ingestWriter.node.ts';
import type { OutboxEntry } from '../db/outboxRepo.node.ts';
import { SendFailure, type SendRequest } from '../providers/plugin.node.ts';
import type { Connections } from './connections.node.ts';
import type { IngestQueue } from './ingestQueue.node.ts';
import { say, words } from '../../shared/words/coreWords.std.ts';

/** Where the bridge keeps an upload until the send that names it (`outgoing/uploads/<id>`). */
export function uploadPath(attachmentsDir: string, uploadId: string): string {
  return path.join(attachmentsDir, 'uploads', uploadId);
}

/** The largest attachment any supported provider takes (Chategy: 100 MB). */

interface StoredRequest {
  chatId: string;
  text?: string;
  location?: { lat: number; lng: number; name?: string };
  attachment?: { fileName: string; mime: string; file: string };
  replyTo?: MessageRef;
}

export interface SendParams {
  conversationId: number;
  clientRef: string;
  text?: string;
  attachment?: Attachment;
  location?: { lat: number; lng: number; name?: string };
  replyTo?: number;
}

export interface SenderHooks {
  /** The outbox changed a message's state (an error to show, or one cleared). */
  messageChanged?(messageId: number): void;
  /** A send of this line failed, was put off, went after an error, or was given up: its account's "sending fails" may change. */
  sendingChanged?(lineId: string): void;
}

/**
 * Sending: an optimistic row with a clock at once, an outbox entry that survives restarts,
 * and attempts with backoff until the provider accepts. The clientRef is the idempotency
 * key end to end: the same request twice yields one message.
 */
export class Sender {
  #timer: NodeJS.Timeout | undefined;
  #pumping = false;
  #closed = false;

  constructor(
    private readonly cache: Cache,
    private readonly queue: IngestQueue,
    private readonly connections: Connections,
    private readonly attachmentsDir: string,
    private readonly hooks: SenderHooks = {},
    private readonly now: () => number = Date.now,
  ) {
    cache.outbox.recoverInterrupted();
  }

  send(params: SendParams): Message {
    const existing = this.cache.outbox.byClientRef(params.clientRef);
    if (existing) return this.#message(existing.messageId);

    const chat = this.cache.conversations.lineOf(params.conversationId);
    if (!chat) throw new SwitchboardError('not_found', words('conversation.gone'));
    const request: StoredRequest = { chatId: chat.providerChatId };
    if (params.text?.trim()) request.text = params.text;
    if (params.location) request.location = params.location;
    let replyPreview: Message | undefined;
    if (params.replyTo !== undefined) {
      replyPreview = this.cache.reader.getMessages([params.replyTo])[0];
      const ref = replyPreview ? this.cache.reader.refsOf(chat.lineId, replyPreview.id) : undefined;
      if (ref) request.replyTo = ref;
    }
    if (params.attachment)
      request.attachment = this.#storeAttachment(params.clientRef, params.attachment);

    const event: CacheEvent = {
      kind: 'message',
      line: chat.lineId,
      chat: { id: chat.providerChatId },
      message: {
        ids: { clientRef: params.clientRef },
        direction: 'out',
        origin: 'this_app',
        type: params.attachment
          ? attachmentType(params.attachment.mime)
          : params.location
            ? 'location'
            : 'text',
        ...(params.location ? { location: params.location } : {}),
        ...(request.text !== undefined ? { text: request.text } : {}),
        ...(params.attachment
          ? {
              media: {
                fileName: params.attachment.fileName,
                mime: params.attachment.mime,
                size: params.attachment.size,
                localPath: request.attachment?.file,
              },
            }
          : {}),
        ...(replyPreview && request.replyTo?.provider
          ? {
              quoted: {
                providerId: request.replyTo.provider,
                ...(replyPreview.text ? { preview: replyPreview.text.slice(0, 200) } : {}),
              },
            }
          : {}),
        time: this.now(),
        status: { tick: 'pending' },
      },
    };
    // The row and its outbox entry in one transaction: a crash between two writes would
    // leave a clock that no retry could ever move.
    const messageId = this.queue.writeNow([event], () => {
      const id = this.cache.reader.messageIdByAlias(chat.lineId, `c:${params.clientRef}`);
      if (id === undefined) throw new SwitchboardError('storage', words('message.notSaved'));
      this.cache.outbox.add(id, chat.lineId, params.clientRef, request, this.now());
      return id;
    });
    this.kick();
    return this.#message(messageId);
  }

  retry(messageId: number): Message {
    const entry = this.cache.outbox.byMessage(messageId);
    if (!entry) throw new SwitchboardError('not_found', words('message.retryNotOurs'));
    // One the provider took and later reported failed (a number not on WhatsApp, say) goes again too.
    const failedLater =
      entry.state === 'accepted' && this.#message(messageId).status?.tick === 'failed';
    if (entry.state === 'failed' || entry.state === 'queued' || failedLater) {
      this.cache.ingest.restartDelivery(messageId);
      this.cache.outbox.requeue(messageId);
      this.hooks.sendingChanged?.(entry.lineId);
      this.kick();
    }
    return this.#message(messageId);
  }

  /**
   * The user gives up one of our messages that did not go: one that never reached the
   * provider (it failed, or waits to go), or one the provider took and then reported failed.
   * Its row, its outbox entry and its stored file go, in one transaction. One in flight is
   * refused, since the provider may be taking it this moment.
   */
  discard(messageId: number): void {
    const message = this.#message(messageId);
    const entry = this.cache.outbox.byMessage(messageId);
    if (entry?.state === 'sending' || entry?.state === 'interrupted')
      throw new SwitchboardError('invalid_request', words('message.discardSending'));
    const unsent = entry?.state === 'queued' || entry?.state === 'failed';
    const failed = message.direction === 'out' && message.status?.tick === 'failed';
    if (!unsent && !failed)
      throw new SwitchboardError('invalid_request', words('message.discardNotUnsent'));
    const line = entry?.lineId ?? this.cache.conversations.lineOf(message.conversationId)?.lineId;
    if (line === undefined) throw new SwitchboardError('not_found', words('conversation.gone'));
    this.queue.writeNow([], (result) => {
      this.cache.outbox.remove(messageId);
      this.cache.ingest.discardUnsent(messageId, line, result);
    });
    const file = entry && (JSON.parse(entry.request) as StoredRequest).attachment?.file;
    if (file) fs.rmSync(file, { force: true });
    this.hooks.sendingChanged?.(line);
  }

  /** An account came online: its put-off sends go now, in order. */
  accountOnline(accountId: string): void {
    this.cache.outbox.retryNowFor(accountId);
    this.kick();
  }

  /** Attempts whatever is due, now. */
  kick(): void {
    if (this.#closed) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    void this.#pump();
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      for (const entry of this.cache.outbox.interrupted()) await this.#reconcile(entry);
      // A chat's next message is due only once the one before it is accepted (the outbox's
      // `due` holds it back), so the round asks again until nothing more goes.
      for (let progressed = true; progressed && !this.#closed;) {
        progressed = false;
        for (const entry of this.cache.outbox.due(this.now()))
          if (await this.#attempt(entry)) progressed = true;
      }
    } finally {
      this.#pumping = false;
      this.#scheduleNext();
    }
  }

  #scheduleNext(): void {
    if (this.#closed) return;
    // Interrupted sends wait for their account to come online.
    const next = this.cache.outbox.interrupted(1).length
      ? this.now()
      : this.cache.outbox.nextDueAt();
    if (next === null) return;
    // Entries whose account is offline are due already; look again shortly.
    const delay = Math.min(Math.max(next - this.now(), 1000), 60_000);
    this.#timer = setTimeout(() => void this.#pump(), delay);
    this.#timer.unref?.();
  }

  /** Tries one send; false when it did not go (offline, or failed). */
  async #attempt(entry: OutboxEntry): Promise<boolean> {
    const accountId = this.cache.accounts.line(entry.lineId)?.accountId;
    const connection = accountId ? this.connections.connection(accountId) : undefined;
    const providerLine = this.cache.accounts.line(entry.lineId)?.providerLineId;
    if (!connection || !providerLine || !accountId) return false;
    if (this.connections.state(accountId).state !== 'online') return false;
    // The round's list was read before the sends ahead of this one: it may be gone or retried since.
    if (this.cache.outbox.byMessage(entry.messageId)?.state !== 'queued') return false;
    const stored = JSON.parse(entry.request) as StoredRequest;
    this.cache.outbox.startAttempt(entry.messageId, this.now());
    const request: SendRequest = {
      line: providerLine,
      chatId: stored.chatId,
      clientRef: entry.clientRef,
      attempt: entry.attempts + 1,
      ...(stored.text !== undefined ? { text: stored.text } : {}),
      ...(stored.replyTo ? { replyTo: stored.replyTo } : {}),
      ...(stored.location ? { location: stored.location } : {}),
    };
    try {
      if (stored.attachment) {
        request.attachment = {
          fileName: stored.attachment.fileName,
          mime: stored.attachment.mime,
          data: fs.readFileSync(stored.attachment.file),
        };
      }
      const result = await connection.send(request);
      if (this.#closed) return false;
      this.cache.outbox.accepted(entry.messageId);
      if (entry.lastError) this.#changed(entry);
      this.queue.push({
        kind: 'status',
        line: entry.lineId,
        ref: { ...result.ids, clientRef: entry.clientRef },
        status: result.status ?? { tick: 'sent' },
      });
      this.#linkIds(entry, result.ids);
      return true;
    } catch (error) {
      // A send that outlives the core (quit mid-upload) stays queued for the next start.
      if (!this.#closed) this.#failed(entry, error);
      return false;
    }
  }

  /**
   * A send that was in flight when the app stopped may have reached the provider. Before it
   * goes again: an idempotent provider takes the repeat safely; one with history is asked
   * whether the message is there (then it is linked, not resent); otherwise the user decides,
   * told that it may have been sent, rather than finding a silent duplicate.
   */
  async #reconcile(entry: OutboxEntry): Promise<void> {
    const line = this.cache.accounts.line(entry.lineId);
    const connection = line ? this.connections.connection(line.accountId) : undefined;
    if (!line || !connection || this.connections.state(line.accountId).state !== 'online') return;
    if (connection.idempotentSends) return void this.cache.outbox.requeue(entry.messageId);
    const stored = JSON.parse(entry.request) as StoredRequest;
    if (connection.findSent) {
      let candidates: MessageRef[];
      try {
        candidates = await connection.findSent({
          line: line.providerLineId,
          chatId: stored.chatId,
          ...(stored.text !== undefined ? { text: stored.text } : {}),
          ...(stored.attachment ? { fileName: stored.attachment.fileName } : {}),
          since: entry.attemptStartedAt ?? entry.createdAt,
        });
      } catch {
        return; // the history did not answer: ask again on the next round
      }
      if (this.#closed) return;
      const found = candidates.find((ids) => !this.#belongsToAnotherSend(entry, ids));
      if (found) {
        this.cache.outbox.accepted(entry.messageId);
        this.#linkIds(entry, found);
        this.#changed(entry);
      } else {
        this.cache.outbox.requeue(entry.messageId);
      }
      return;
    }
    const maybe = words('message.maybeSent');
    const english = say(maybe, 'en')!;
    this.cache.outbox.failed(entry.messageId, english, maybe);
    this.queue.push({
      kind: 'status',
      line: entry.lineId,
      ref: { clientRef: entry.clientRef },
      status: { tick: 'failed', reason: english, reasonWords: maybe },
    });
    this.#changed(entry);
  }

  /** Whether a message found in history is already another of our sends (the same text twice). */
  #belongsToAnotherSend(entry: OutboxEntry, ids: MessageRef): boolean {
    for (const alias of [
      ids.provider && `p:${ids.provider}`,
      ids.internal && `i:${ids.internal}`,
    ]) {
      if (!alias) continue;
      const owner = this.cache.reader.messageIdByAlias(entry.lineId, alias);
      if (owner !== undefined && owner !== entry.messageId && this.cache.outbox.byMessage(owner))
        return true;
    }
    return false;
  }

  /** Teaches the cache the provider's ids, so echoes and receipts find this row. */
  #linkIds(entry: OutboxEntry, ids: MessageRef): void {
    const chatId = (JSON.parse(entry.request) as StoredRequest).chatId;
    this.queue.push({
      kind: 'message',
      line: entry.lineId,
      chat: { id: chatId },
      message: {
        ids: { ...ids, clientRef: entry.clientRef },
        direction: 'out',
        origin: 'this_app',
        type: 'unknown',
        time: this.now(),
      },
      historical: true,
    });
  }

  #changed(entry: Pick<OutboxEntry, 'messageId' | 'lineId'>): void {
    this.hooks.messageChanged?.(entry.messageId);
    this.hooks.sendingChanged?.(entry.lineId);
  }

  #failed(entry: OutboxEntry, error: unknown): void {
    const failure =
      error instanceof SendFailure
        ? error
        : new SendFailure(error instanceof Error ? error.message : String(error), true);
    if (failure.retryable) {
      const attempt = entry.attempts + 1;
      const backoff =
        failure.retryAfterMs ?? Math.min(5 * 60_000, 2000 * 2 ** Math.min(attempt, 8));
      const jitter = Math.round(backoff * 0.2 * Math.random());
      this.cache.outbox.retryLater(
        entry.messageId,
        this.now() + backoff + jitter,
        failure.message,
        failure.words,
      );
      this.#changed(entry);
      return;
    }
    this.cache.outbox.failed(entry.messageId, failure.message, failure.words);
    this.queue.push({
      kind: 'status',
      line: entry.lineId,
      ref: { clientRef: entry.clientRef },
      status: {
        tick: 'failed',
        reason: failure.message,
        ...(failure.words ? { reasonWords: failure.words } : {}),
        ...(failure.code !== undefined ? { code: failure.code } : {}),
      },
    });
    this.hooks.sendingChanged?.(entry.lineId);
  }

  #storeAttachment(
    clientRef: string,
    attachment: Attachment,
  ): NonNullable<StoredRequest['attachment']> {
    fs.mkdirSync(this.attachmentsDir, { recursive: true });
    const file = path.join(
      this.attachmentsDir,
      `${clientRef.replace(/[^\w-]/g, '_')}-${path.basename(attachment.fileName).replace(/[^\w.-]/g, '_')}`,
    );
    if (attachment.uploadId !== undefined) {
      const upload = uploadPath(this.attachmentsDir, attachment.uploadId);
      if (!fs.existsSync(upload))
        throw new SwitchboardError(
          'invalid_request',
          words('message.uploadGone', { name: attachment.fileName }),
        );
      fs.renameSync(upload, file);
      return { fileName: attachment.fileName, mime: attachment.mime, file };
    }
    const data = Buffer.from(attachment.dataBase64 ?? '', 'base64');
    if (data.length > MAX_ATTACHMENT_BYTES) {
      throw new SwitchboardError(
        'invalid_request',
        words('message.fileTooLarge', {
          name: attachment.fileName,
          size: formatMb(data.length),
          limit: formatMb(MAX_ATTACHMENT_BYTES),
        }),
      );
    }
    fs.writeFileSync(file, data);
    return { fileName: attachment.fileName, mime: attachment.mime, file };
  }

  #message(id: number): Message {
    const message = this.cache.reader.getMessages([id])[0];
    if (!message) throw new SwitchboardError('not_found', words('message.gone'));
    return message;
  }
}

function attachmentType(mime: string): Message['type'] {
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  return 'document';
}

function formatMb(bytes: number): string {
  // Rounds up so a file just over the limit never reads as equal to it.
  return `${Math.ceil((bytes / 1024 / 1024) * 10) / 10} MB`;
}
