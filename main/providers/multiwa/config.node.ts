import { z } from 'zod';
import type { FieldSpec } from '../../../shared/ipc/providers.std.ts';
import { SwitchboardError, issuesOf } from '../../../shared/ipc/errors.std.ts';
import type { AccountInput } from '../plugin.node.ts';

export const FIELDS: FieldSpec[] = [
  {
    key: 'baseUrl',
    label: 'Server address',
    kind: 'url',
    required: true,
    secret: false,
    help: 'Where your MultiWA API runs, e.g. https://wa.example.com or http://192.168.1.5:3333',
  },
  {
    key: 'apiKey',
    label: 'API key',
    kind: 'secret',
    required: false,
    secret: true,
    help: 'From MultiWA’s admin UI; or give a JWT instead',
  },
  {
    key: 'jwt',
    label: 'JWT (instead of an API key)',
    kind: 'secret',
    required: false,
    secret: true,
  },
  {
    key: 'realtime',
    label: 'Real-time protocol',
    kind: 'text',
    required: false,
    secret: false,
    default: 'auto',
    help: 'auto, socketio (MultiWA’s server) or raw (the documented WebSocket)',
  },
  {
    key: 'rawSocketUrl',
    label: 'Documented WebSocket address',
    kind: 'url',
    required: false,
    secret: false,
    help: 'Only for the raw protocol; default ws(s)://server/ws',
  },
  {
    key: 'profileIds',
    label: 'Profiles to show',
    kind: 'text',
    required: false,
    secret: false,
    help: 'Comma-separated profile ids; empty shows all',
  },
];

const Config = z.object({
  baseUrl: z
    .string()
    .trim()
    .refine(
      (v) => /^https?:\/\/[^\s/]+/i.test(v),
      'The server address must start with http:// or https://',
    )
    .transform((v) => v.replace(/\/+$/, '').replace(/\/api\/v1$/, '')),
  realtime: z.enum(['auto', 'socketio', 'raw'], 'auto, socketio or raw').default('auto'),
  rawSocketUrl: z
    .string()
    .trim()
    .refine(
      (v) => v === '' || /^wss?:\/\/[^\s/]+/i.test(v),
      'The WebSocket address must start with ws:// or wss://',
    )
    .default(''),
  profileIds: z.string().trim().default(''),
});
export type MultiWaConfig = z.infer<typeof Config>;

export function parseAccount(input: AccountInput): AccountInput {
  const config = Config.safeParse(input.config);
  const apiKey = input.secrets.apiKey?.trim() ?? '';
  const jwt = input.secrets.jwt?.trim() ?? '';
  const issues = config.success ? [] : issuesOf(config.error);
  if (!apiKey && !jwt) issues.push({ path: 'apiKey', message: 'Enter an API key (or a JWT)' });
  if (!config.success || issues.length)
    throw new SwitchboardError('invalid_request', issues.map((i) => i.message).join('. '), issues);
  return {
    config: { ...config.data },
    secrets: { ...(apiKey ? { apiKey } : {}), ...(jwt ? { jwt } : {}) },
  };
}

export function configOf(config: Readonly<Record<string, string>>): MultiWaConfig {
  return Config.parse(config);
}

export interface MultiWaAuth {
  apiKey?: string;
  jwt?: string;
}

export function authHeaders(auth: MultiWaAuth): Record<string, string> {
  return auth.apiKey
    ? { 'x-api-key': auth.apiKey }
    : auth.jwt
      ? { authorization: `Bearer ${auth.jwt}` }
      : {};
}

export function rawSocketUrl(config: MultiWaConfig): string {
  if (config.rawSocketUrl) return config.rawSocketUrl;
  return `${config.baseUrl.replace(/^http/i, 'ws')}/ws`;
}
