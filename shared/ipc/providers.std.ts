import { z } from 'zod';
import { LoginMethod } from '../model/login.std.ts';
import { ProviderKind } from '../model/ids.std.ts';

/** One input on a provider's "add account" form. */
export const FieldSpec = z.object({
  key: z.string(),
  label: z.string(),
  kind: z.enum(['text', 'secret', 'url', 'email']),
  required: z.boolean(),
  /** Secrets go to the secret store, never into account config or SQLite. */
  secret: z.boolean(),
  default: z.string().optional(),
  help: z.string().optional(),
});
export type FieldSpec = z.infer<typeof FieldSpec>;

export const ProviderDescriptor = z.object({
  kind: ProviderKind,
  displayName: z.string(),
  loginMethods: z.array(LoginMethod),
  /** Webhook-only providers lose what arrives while the app is closed unless the provider retries. */
  realtime: z.enum(['socket', 'webhook']),
  history: z.boolean(),
  fields: z.array(FieldSpec),
});
export type ProviderDescriptor = z.infer<typeof ProviderDescriptor>;
