import { z } from 'zod';
import { Words, say, type Words as WordsT } from '../words/coreWords.std.ts';

export const QrCode = z.discriminatedUnion('kind', [
  /** The string a phone scans; rendered with `qrcode`. */
  z.object({ kind: z.literal('raw'), value: z.string().min(1) }),
  /** A ready image (PNG data URL) as some gateways send it. */
  z.object({ kind: z.literal('image'), dataUrl: z.string().startsWith('data:image/') }),
]);
export type QrCode = z.infer<typeof QrCode>;

export const LoginState = z.discriminatedUnion('state', [
  z.object({ state: z.literal('unknown') }),
  z.object({
    state: z.literal('connecting'),
    detail: z.string().optional(),
    words: Words.optional(),
  }),
  /** `scanning`: the phone read the code and is linking; the QR stays up with a "scanning…" note. */
  z.object({
    state: z.literal('qr'),
    qr: QrCode,
    expiresAt: z.number().optional(),
    scanning: z.boolean().optional(),
  }),
  z.object({ state: z.literal('phone'), error: z.string().optional() }),
  z.object({
    state: z.literal('code'),
    error: z.string().optional(),
    phone: z.string().optional(),
  }),
  z.object({
    state: z.literal('password'),
    error: z.string().optional(),
    hint: z.string().optional(),
  }),
  z.object({ state: z.literal('authorized'), phone: z.string().optional() }),
  z.object({
    state: z.literal('logged_out'),
    reason: z.string().optional(),
    words: Words.optional(),
  }),
  z.object({
    state: z.literal('error'),
    reason: z.string(),
    retryable: z.boolean(),
    words: Words.optional(),
  }),
]);
export type LoginState = z.infer<typeof LoginState>;

const english = (w: WordsT) => say(w, 'en') ?? w.key;

/** Login states whose text the UI can say in the user's language (`words`), English kept beside it. */
export const loginSaid = {
  connecting: (w: WordsT): LoginState => ({ state: 'connecting', detail: english(w), words: w }),
  loggedOut: (w: WordsT): LoginState => ({ state: 'logged_out', reason: english(w), words: w }),
  error: (w: WordsT, retryable: boolean): LoginState => ({
    state: 'error',
    reason: english(w),
    retryable,
    words: w,
  }),
};

/** How a line can be signed in; a provider may offer several. */
export const LoginMethod = z.enum(['token', 'qr', 'phone']);
export type LoginMethod = z.infer<typeof LoginMethod>;

/** How a line of this messenger signs in here: WhatsApp by QR, Telegram and MAX by phone and code. */
export function loginMethodOf(messenger: string): 'qr' | 'phone' {
  return messenger === 'telegram' || messenger === 'max' ? 'phone' : 'qr';
}

/** One step of an interactive login, as the user submits it. */
export const LoginStep = z.discriminatedUnion('step', [
  z.object({ step: z.literal('phone'), phone: z.string().min(5).max(32) }),
  z.object({ step: z.literal('code'), code: z.string().min(1).max(16) }),
  z.object({ step: z.literal('password'), password: z.string().min(1).max(256) }),
]);
export type LoginStep = z.infer<typeof LoginStep>;
