import { z } from 'zod';
import { Words } from '../words/coreWords.std.ts';

/** The link between the core and a provider, per account (and per line where it differs). */
export const ConnectionState = z.discriminatedUnion('state', [
  z.object({ state: z.literal('connecting') }),
  z.object({ state: z.literal('online') }),
  z.object({
    state: z.literal('reconnecting'),
    /** Epoch ms of the next attempt, for a countdown. */
    nextAttemptAt: z.number(),
    attempt: z.number().int().nonnegative(),
    reason: z.string().optional(),
    /** The reason by key and values, for the UI's language. */
    reasonWords: Words.optional(),
  }),
  /** Credentials were refused; only the user can fix it ("sign-in needed"). */
  z.object({ state: z.literal('auth_error'), reason: z.string(), reasonWords: Words.optional() }),
  z.object({
    state: z.literal('offline'),
    reason: z.string().optional(),
    reasonWords: Words.optional(),
  }),
]);
export type ConnectionState = z.infer<typeof ConnectionState>;
