import { z } from 'zod';

/**
 * What a provider says about the account itself (Chategy: balance, subscription), published
 * under the workspace key `account.notices`. Warnings are codes with values, so the UI says
 * them in the user's language.
 */
export const AccountWarning = z.discriminatedUnion('code', [
  z.object({ code: z.literal('subscription_inactive') }),
  z.object({ code: z.literal('subscription_ends'), date: z.string() }),
  z.object({ code: z.literal('balance_low'), balance: z.string(), cost: z.string().optional() }),
]);
export type AccountWarning = z.infer<typeof AccountWarning>;

export const AccountNotices = z.object({
  balance: z.string().nullable(),
  subscriptionStatus: z.string().nullable().optional(),
  paidUntil: z.string().nullable(),
  warnings: z.array(AccountWarning),
});
export type AccountNotices = z.infer<typeof AccountNotices>;

export const ACCOUNT_NOTICES_KEY = 'account.notices';
