import type { Database } from 'better-sqlite3';
import type { Words } from '../../shared/words/coreWords.std.ts';

/** `interrupted`: was `sending` when the app stopped; reconciled with the provider before any resend. */
export type OutboxState = 'queued' | 'sending' | 'interrupted' | 'accepted' | 'failed';

export interface OutboxEntry {
  messageId: number;
  lineId: string;
  clientRef: string;
  request: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: number | null;
  lastError: string | null;
  attemptStartedAt: number | null;
  createdAt: number;
}

export interface SendingTrouble {
  unsent: number;
  reason: string;
  reasonWords?: Words;
}

/** Outgoing messages until the provider accepts them; survives restarts so nothing typed is lost. */
export function createOutboxRepo(db: Database) {
  const insert = db.prepare(`
    INSERT INTO outbox (message_id, line_id, client_ref, request, state, created_at)
    VALUES (?, ?, ?, ?, 'queued', ?)`);
  const columns = `message_id AS messageId, line_id AS lineId, client_ref AS clientRef, request, state, attempts,
    next_attempt_at AS nextAttemptAt, last_error AS lastError, attempt_started_at AS attemptStartedAt, created_at AS createdAt`;
  const byRef = db.prepare(`SELECT ${columns} FROM outbox WHERE client_ref = ?`);
  const byMessage = db.prepare(`SELECT ${columns} FROM outbox WHERE message_id = ?`);
  // A chat's messages go in the order typed: an entry waits while an older one of the same
  // chat is still on its way (queued, sending, or being reconciled).
  const due = db.prepare(
    `SELECT ${columns} FROM outbox o
     WHERE o.state = 'queued' AND coalesce(o.next_attempt_at, 0) <= ?
       AND NOT EXISTS (
         SELECT 1 FROM outbox p
         WHERE p.state IN ('queued', 'sending', 'interrupted') AND p.line_id = o.line_id AND p.message_id < o.message_id
           AND json_extract(p.request, '$.chatId') = json_extract(o.request, '$.chatId'))
     ORDER BY o.message_id LIMIT ?`,
  );
  const retryNow = db.prepare(
    `UPDATE outbox SET next_attempt_at = NULL WHERE state = 'queued' AND next_attempt_at IS NOT NULL AND line_id IN (SELECT id FROM lines WHERE account_id = ?)`,
  );
  const nextDue = db
    .prepare(`SELECT min(coalesce(next_attempt_at, 0)) FROM outbox WHERE state = 'queued'`)
    .pluck();
  const startAttempt = db.prepare(
    `UPDATE outbox SET state = 'sending', attempts = attempts + 1, attempt_started_at = ? WHERE message_id = ?`,
  );
  const interrupted = db.prepare(
    `SELECT ${columns} FROM outbox WHERE state = 'interrupted' ORDER BY message_id LIMIT ?`,
  );
  const finish = db.prepare(
    'UPDATE outbox SET state = ?, next_attempt_at = ?, last_error = ?, last_error_words = ? WHERE message_id = ?',
  );
  // Few rows match (sends that did not go); the state index finds them without reading the
  // sent ones. With max(), SQLite takes the bare columns from that row: the latest reason.
  const troubled = db.prepare(
    `SELECT count(*) AS unsent, max(message_id), last_error AS reason, last_error_words AS words
     FROM outbox WHERE state IN ('failed', 'queued') AND last_error IS NOT NULL
       AND line_id IN (SELECT id FROM lines WHERE account_id = ?)`,
  );
  const remove = db.prepare('DELETE FROM outbox WHERE message_id = ?');
  const markInterrupted = db.prepare(
    `UPDATE outbox SET state = 'interrupted' WHERE state = 'sending'`,
  );

  return {
    add: (
      messageId: number,
      lineId: string,
      clientRef: string,
      request: unknown,
      now = Date.now(),
    ): void => {
      insert.run(messageId, lineId, clientRef, JSON.stringify(request), now);
    },
    byClientRef: (clientRef: string) => byRef.get(clientRef) as OutboxEntry | undefined,
    byMessage: (messageId: number) => byMessage.get(messageId) as OutboxEntry | undefined,
    due: (now: number, limit = 20) => due.all(now, limit) as OutboxEntry[],
    nextDueAt: () => nextDue.get() as number | null,
    startAttempt: (messageId: number, now = Date.now()) => startAttempt.run(now, messageId),
    /** Sends that were in flight when the app stopped, waiting to be reconciled. */
    interrupted: (limit = 20) => interrupted.all(limit) as OutboxEntry[],
    accepted: (messageId: number) => finish.run('accepted', null, null, null, messageId),
    /** `words`: the same error as a key and values, for the UI's language. */
    retryLater: (messageId: number, at: number, error: string, words?: Words) =>
      finish.run('queued', at, error, words ? JSON.stringify(words) : null, messageId),
    failed: (messageId: number, error: string, words?: Words) =>
      finish.run('failed', null, error, words ? JSON.stringify(words) : null, messageId),
    /** An account's sends that did not go for an error (failed, or put off), and the latest reason. */
    troubleOf: (accountId: string): SendingTrouble | undefined => {
      const { unsent, reason, words } = troubled.get(accountId) as {
        unsent: number;
        reason: string | null;
        words: string | null;
      };
      if (unsent === 0 || reason === null) return undefined;
      return { unsent, reason, ...(words ? { reasonWords: JSON.parse(words) as Words } : {}) };
    },
    /** The user gave the send up: it never goes. */
    remove: (messageId: number) => remove.run(messageId),
    requeue: (messageId: number) => finish.run('queued', null, null, null, messageId),
    /** The account is back: what was put off while it was away is due now, not at its backoff time. */
    retryNowFor: (accountId: string) => retryNow.run(accountId).changes,
    /** A send that was in flight when the app died may or may not have arrived: it is reconciled before anything else. */
    recoverInterrupted: () => markInterrupted.run(),
  };
}

export type OutboxRepo = ReturnType<typeof createOutboxRepo>;
