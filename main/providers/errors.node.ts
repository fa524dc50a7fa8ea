import { SwitchboardError } from '../../shared/ipc/errors.std.ts';
import { say, words, type Words } from '../../shared/words/coreWords.std.ts';
import { SendFailure } from './plugin.node.ts';
import type { Backoff } from './backoff.node.ts';
import type { ConnectionState } from '../../shared/model/connection.std.ts';

/** An error said in words the UI can translate (the English text is its message). */
class SaidError extends Error {
  readonly words: Words | undefined;
  constructor(message: string | Words) {
    super(typeof message === 'string' ? message : (say(message, 'en') ?? message.key));
    this.words = typeof message === 'string' ? undefined : message;
  }
}

/** The credentials are refused for good: only the user can fix it ("sign-in needed"). */
export class ProviderAuthError extends SaidError {
  override readonly name = 'ProviderAuthError';
}

/** The host could not be reached or failed on its side: try again later. */
export class ProviderUnavailable extends SaidError {
  override readonly name = 'ProviderUnavailable';
}

/** The provider understood the request and refused it. */
export class ProviderRequestError extends SaidError {
  override readonly name = 'ProviderRequestError';
  constructor(
    message: string | Words,
    readonly status: number,
    readonly code?: string | number,
    /** When a rate limit lifts (epoch ms), if the provider says. */
    readonly retryAt?: number,
  ) {
    super(message);
  }
}

/** Why a connection is down, in English and (when it has them) in translatable words. */
export function reasonOf(error: unknown): { reason: string; reasonWords?: Words } {
  const reason = error instanceof Error ? error.message : String(error);
  const said =
    error instanceof SaidError
      ? error.words
      : error instanceof SwitchboardError
        ? error.words
        : undefined;
  return said ? { reason, reasonWords: said } : { reason };
}

/**
 * A connection that could not start: refused credentials wait for the user ("sign-in needed"),
 * anything else is tried again after the backoff. The state to report, and when to retry.
 */
export function failedStart(
  error: unknown,
  backoff: Backoff,
): { state: ConnectionState; retryInMs: number | null } {
  if (error instanceof ProviderAuthError)
    return { state: { state: 'auth_error', ...reasonOf(error) }, retryInMs: null };
  const delay = backoff.next();
  return {
    state: {
      state: 'reconnecting',
      nextAttemptAt: Date.now() + delay,
      attempt: backoff.attempt,
      ...reasonOf(error),
    },
    retryInMs: delay,
  };
}

/** A host that did not answer, said by its cause: refused, unknown name, silence, or what the system said. */
export function unreachable(provider: string, host: string, error: unknown): ProviderUnavailable {
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  if (cause?.code === 'ECONNREFUSED')
    return new ProviderUnavailable(words('provider.refused', { provider, host }));
  if (cause?.code === 'ENOTFOUND' || cause?.code === 'EAI_AGAIN')
    return new ProviderUnavailable(words('provider.unknownHost', { provider, host }));
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return new ProviderUnavailable(words('provider.noAnswer', { provider, host }));
  const detail = cause?.message ?? (error instanceof Error ? error.message : String(error));
  return new ProviderUnavailable(
    words('provider.unreachable', { provider, host, detail: quotedDetail(detail) }),
  );
}

/** Someone else's words inside ours, after a colon: their own full stop would make it "..". */
export function quotedDetail(detail: string | undefined): string {
  const trimmed = detail?.trim().replace(/[.。]+$/, '');
  return trimmed ? `: ${trimmed}` : '';
}

/** How a failed send is kept: passing trouble stays in the outbox, a refusal fails the message. */
export function toSendFailure(error: unknown): SendFailure {
  if (error instanceof SendFailure) return error;
  if (error instanceof ProviderUnavailable)
    return new SendFailure(error.words ?? error.message, true);
  if (error instanceof ProviderAuthError)
    return new SendFailure(error.words ?? error.message, true, 5 * 60_000);
  if (error instanceof ProviderRequestError) {
    if (error.status === 429 || error.status === 408) {
      const wait = error.retryAt ? Math.max(60_000, error.retryAt - Date.now()) : 60_000;
      return new SendFailure(error.words ?? error.message, true, wait, error.status);
    }
    return new SendFailure(
      error.words ?? error.message,
      false,
      undefined,
      error.code ?? error.status,
    );
  }
  return new SendFailure(error instanceof Error ? error.message : String(error), true);
}

/**
 * A failed credentials check in the add-account form's terms: refused credentials on the
 * secret's field, an unreachable host on the address field, anything else as it was said.
 */
export function verifyFailure(
  error: unknown,
  fields: { secret: string; address: string },
): SwitchboardError {
  if (error instanceof SwitchboardError) return error;
  if (error instanceof ProviderAuthError)
    return new SwitchboardError('auth', error.words ?? error.message, [
      { path: fields.secret, message: error.message },
    ]);
  if (error instanceof ProviderUnavailable)
    return new SwitchboardError('unavailable', error.words ?? error.message, [
      { path: fields.address, message: error.message },
    ]);
  return new SwitchboardError('provider', error instanceof Error ? error.message : String(error));
}
