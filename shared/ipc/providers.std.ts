import { z } from 'zod';
import { LoginMethod } from '../model/login.std.ts';
import { ProviderKind } from '../model/ids.std.ts';

/** One input on a provider's "add account" form. */
export const FieldSpec = z.object({
  key: z.string(),
  label: z.string(),
  kind: z.enum(['text', 'secret', 'url', 'email', 'switch']),
  /** A switch's two values as the provider's settings spell them ('true'/'false', 'yes'/'no'). */
  values: z.object({ on: z.string(), off: z.string() }).optional(),
  required: z.boolean(),
  /** Secrets go to the secret store, never into account config or SQLite. */
  secret: z.boolean(),
  default: z.string().optional(),
  help: z.string().optional(),
});
export type FieldSpec = z.infer<typeof FieldSpec>;

/**
 * What a provider can do beyond sending and receiving. The interface offers an action only
 * where its provider declares it, so nobody is shown a button that can only fail.
 */
export const Capabilities = z.object({
  react: z.boolean(),
  deleteForEveryone: z.boolean(),
  edit: z.boolean(),
  /** Read receipts sent to the contact (blue ticks on their side). */
  markRead: z.boolean(),
  /** Older messages fetched from the provider past what the cache holds. */
  history: z.boolean(),
  /** Lines added from Switchboard (Maytapi's addPhone). */
  addLine: z.boolean(),
  /** A chat started with a number nobody has written from yet. */
  newChat: z.boolean(),
  /** WhatsApp template messages (outside the 24-hour window). */
  templates: z.boolean(),
});
export type Capabilities = z.infer<typeof Capabilities>;

export const NO_CAPABILITIES: Capabilities = {
  react: false,
  deleteForEveryone: false,
  edit: false,
  markRead: false,
  history: false,
  addLine: false,
  newChat: false,
  templates: false,
};

export const ProviderDescriptor = z.object({
  kind: ProviderKind,
  displayName: z.string(),
  loginMethods: z.array(LoginMethod),
  /** Webhook-only providers lose what arrives while the app is closed unless the provider retries. */
  realtime: z.enum(['socket', 'webhook']),
  capabilities: Capabilities,
  fields: z.array(FieldSpec),
  /** The provider's own words in every language, for the page to say its refusals and reasons. */
  words: z.object({
    en: z.record(z.string(), z.string()),
    ru: z.record(z.string(), z.string()),
  }),
});
export type ProviderDescriptor = z.infer<typeof ProviderDescriptor>;
