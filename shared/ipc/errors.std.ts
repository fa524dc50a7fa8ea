import { z } from 'zod';
import { Words, say, type Words as WordsT } from '../words/coreWords.std.ts';

export const ErrorCode = z.enum([
  /** The request did not match the contract. */
  'invalid_request',
  'unknown_method',
  'not_found',
  /** Credentials were refused by the provider. */
  'auth',
  /** A provider or host could not be reached. */
  'unavailable',
  /** The local database refused: locked, read-only, corrupt or full. */
  'storage',
  'provider',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const IpcError = z.object({
  code: ErrorCode,
  /** Words a user understands. */
  message: z.string(),
  /** Field-level problems, for forms. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** The same words by key and values, for the renderer to say in the user's language. */
  words: Words.optional(),
});
export type IpcError = z.infer<typeof IpcError>;

/** Thrown by core handlers; crosses the process boundary as an IpcError. */
export class SwitchboardError extends Error {
  /** Present when the message has a translation (see coreWords). */
  readonly words: WordsT | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string | WordsT,
    readonly issues?: { path: string; message: string }[],
    /** With a message already said in the user's language: the words it was said from. */
    said?: WordsT,
  ) {
    super(typeof message === 'string' ? message : (say(message, 'en') ?? message.key));
    this.words = typeof message === 'string' ? said : message;
    this.name = 'SwitchboardError';
  }

  toIpc(): IpcError {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
      ...(this.words ? { words: this.words } : {}),
    };
  }
}

export function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}
