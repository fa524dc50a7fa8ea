import { z } from 'zod';
import type { FieldSpec } from '../../../shared/ipc/providers.std.ts';
import { SwitchboardError, issuesOf } from '../../../shared/ipc/errors.std.ts';
import type { AccountInput } from '../plugin.node.ts';

export const DEFAULTS = {
  apiBase: 'https://api.chatapp.online',
  socketHost: 'socket.chatapp.online',
  socketPort: '6001',
  socketTls: 'true',
  authEndpoint: 'https://api.chatapp.online/broadcasting/auth',
  appKey: 'ChatsAppApiProdKey',
};

export const FIELDS: FieldSpec[] = [
  { key: 'email', label: 'Email', kind: 'email', required: true, secret: false },
  { key: 'password', label: 'Password', kind: 'secret', required: true, secret: true },
  {
    key: 'appId',
    label: 'App ID',
    kind: 'text',
    required: true,
    secret: false,
    help: 'From the ChatApp cabinet, e.g. app_1234_1',
  },
  {
    key: 'apiBase',
    label: 'API address',
    kind: 'url',
    required: true,
    secret: false,
    default: DEFAULTS.apiBase,
  },
  {
    key: 'socketHost',
    label: 'Socket host',
    kind: 'text',
    required: true,
    secret: false,
    default: DEFAULTS.socketHost,
  },
  {
    key: 'socketPort',
    label: 'Socket port',
    kind: 'text',
    required: true,
    secret: false,
    default: DEFAULTS.socketPort,
  },
  {
    key: 'socketTls',
    label: 'Socket uses TLS',
    kind: 'switch',
    values: { on: 'true', off: 'false' },
    required: true,
    secret: false,
    default: DEFAULTS.socketTls,
  },
  {
    key: 'authEndpoint',
    label: 'Channel sign-in address',
    kind: 'url',
    required: true,
    secret: false,
    default: DEFAULTS.authEndpoint,
  },
  {
    key: 'appKey',
    label: 'Socket app key',
    kind: 'text',
    required: true,
    secret: false,
    default: DEFAULTS.appKey,
  },
];

const httpUrl = (what: string) =>
  z
    .string()
    .trim()
    .refine(
      (v) => /^https?:\/\/[^\s/]+/i.test(v),
      `${what} must start with https:// (or http:// for a local server)`,
    )
    .transform((v) => v.replace(/\/+$/, ''));

const Config = z.object({
  email: z.string().trim().email('Enter the email you sign in to ChatApp with'),
  appId: z.string().trim().min(1, 'Enter the app id from the ChatApp cabinet'),
  apiBase: httpUrl('The API address'),
  socketHost: z
    .string()
    .trim()
    .min(1, 'Enter the socket host')
    .regex(/^[\w.-]+$/, 'A host name only, without https:// or a path'),
  socketPort: z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, 'A port number, e.g. 6001')
    .refine((v) => Number(v) > 0 && Number(v) < 65536, 'A port between 1 and 65535'),
  socketTls: z.enum(['true', 'false'], 'true or false'),
  authEndpoint: httpUrl('The channel sign-in address'),
  appKey: z.string().trim().min(1, 'Enter the socket app key'),
});
export type ChatAppConfig = z.infer<typeof Config>;

const Secrets = z.object({ password: z.string().min(1, 'Enter the password') });

export function parseAccount(input: AccountInput): AccountInput {
  const config = Config.safeParse({ ...DEFAULTS, ...input.config });
  const secrets = Secrets.safeParse(input.secrets);
  const issues = [
    ...(config.success ? [] : issuesOf(config.error)),
    ...(secrets.success ? [] : issuesOf(secrets.error)),
  ];
  if (!config.success || !secrets.success) {
    throw new SwitchboardError('invalid_request', issues.map((i) => i.message).join('. '), issues);
  }
  return { config: config.data, secrets: { ...input.secrets, password: secrets.data.password } };
}

export function configOf(config: Readonly<Record<string, string>>): ChatAppConfig {
  return Config.parse({ ...DEFAULTS, ...config });
}
