import { z } from 'zod';
import type { FieldSpec } from '../../../shared/ipc/providers.std.ts';
import { SwitchboardError, issuesOf } from '../../../shared/ipc/errors.std.ts';
import type { AccountInput } from '../plugin.node.ts';

export const DEFAULT_API = 'https://api.maytapi.com/api';

export const FIELDS: FieldSpec[] = [
  {
    key: 'productId',
    label: 'Product ID',
    kind: 'text',
    required: true,
    secret: false,
    help: 'Maytapi console → Settings',
  },
  {
    key: 'apiKey',
    label: 'API token',
    kind: 'secret',
    required: true,
    secret: true,
    help: 'Sent as x-maytapi-key',
  },
  {
    key: 'apiBase',
    label: 'API address',
    kind: 'url',
    required: true,
    secret: false,
    default: DEFAULT_API,
  },
];

const Config = z.object({
  productId: z
    .string()
    .trim()
    .regex(/^[\w-]{4,64}$/, 'The product id from the Maytapi console, e.g. 3f1c2b7e-…'),
  apiBase: z
    .string()
    .trim()
    .refine((v) => /^https?:\/\/[^\s/]+/i.test(v), 'The API address must start with https://')
    .transform((v) => v.replace(/\/+$/, ''))
    .default(DEFAULT_API),
});
export type MaytapiConfig = z.infer<typeof Config>;

export function parseAccount(input: AccountInput): AccountInput {
  const config = Config.safeParse(input.config);
  const apiKey = input.secrets.apiKey?.trim() ?? '';
  const issues = config.success ? [] : issuesOf(config.error);
  if (!apiKey) issues.push({ path: 'apiKey', message: 'Enter the API token' });
  if (!config.success || issues.length)
    throw new SwitchboardError('invalid_request', issues.map((i) => i.message).join('. '), issues);
  return { config: { ...config.data }, secrets: { apiKey } };
}

export function configOf(config: Readonly<Record<string, string>>): MaytapiConfig {
  return Config.parse(config);
}
