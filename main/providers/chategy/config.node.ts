import { z } from 'zod';
import type { FieldSpec } from '../../../shared/ipc/providers.std.ts';
import { SwitchboardError, issuesOf } from '../../../shared/ipc/errors.std.ts';
import type { AccountInput } from '../plugin.node.ts';
import { customerIdOf } from './jwt.node.ts';

/** The brands (Chategy, ChatPush, PushSMS, JetAPI) share one platform on different hosts: every one is editable. */
export const DEFAULTS = {
  apiBase: 'https://api.chategy.io',
  developerBase: 'https://api.chategy.io',
  telegramSocket: 'wss://api.chategy.io/socket',
  whatsappSocket: 'wss://msg-farmer.pushsms.ru/socket',
};

export const FIELDS: FieldSpec[] = [
  {
    key: 'token',
    label: 'Client token',
    kind: 'secret',
    required: true,
    secret: true,
    help: 'Personal account → API: the long token that starts with eyJ',
  },
  {
    key: 'idempotencyKey',
    label: 'Idempotency key',
    kind: 'secret',
    required: false,
    secret: true,
    help: 'Optional. Signs every send so a retry is never delivered twice',
  },
  {
    key: 'developerKey',
    label: 'Developer API key',
    kind: 'secret',
    required: false,
    secret: true,
    help: 'Optional. Only for webhook management and cancelling a WhatsApp pairing',
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
    key: 'developerBase',
    label: 'Developer API address',
    kind: 'url',
    required: false,
    secret: false,
    default: DEFAULTS.developerBase,
  },
  {
    key: 'telegramSocket',
    label: 'Telegram sign-in socket',
    kind: 'url',
    required: false,
    secret: false,
    default: DEFAULTS.telegramSocket,
  },
  {
    key: 'whatsappSocket',
    label: 'WhatsApp sign-in socket',
    kind: 'url',
    required: false,
    secret: false,
    default: DEFAULTS.whatsappSocket,
  },
  {
    key: 'socketOrigin',
    label: 'Origin registered with Chategy',
    kind: 'url',
    required: false,
    secret: false,
    help: 'The sign-in sockets refuse origins Chategy has not allow-listed',
  },
  {
    key: 'smsFallback',
    label: 'Fall back to SMS',
    kind: 'switch',
    values: { on: 'yes', off: 'no' },
    required: false,
    secret: false,
    default: 'no',
    help: 'A WhatsApp message that cannot be delivered goes out as SMS',
  },
];

const httpUrl = (what: string) =>
  z
    .string()
    .trim()
    .refine((v) => /^https?:\/\/[^\s/]+/i.test(v), `The ${what} must start with https://`)
    .transform((v) => v.replace(/\/+$/, '').replace(/\/api\/v1$/, ''));
const socketUrl = (what: string) =>
  z
    .string()
    .trim()
    .refine((v) => /^(wss?|https?):\/\/[^\s/]+/i.test(v), `The ${what} must start with wss://`)
    .transform((v) => v.replace(/\/+$/, '').replace(/\/websocket$/, ''));

const Config = z.object({
  apiBase: httpUrl('API address').default(DEFAULTS.apiBase),
  developerBase: httpUrl('developer API address').default(DEFAULTS.developerBase),
  telegramSocket: socketUrl('Telegram socket address').default(DEFAULTS.telegramSocket),
  whatsappSocket: socketUrl('WhatsApp socket address').default(DEFAULTS.whatsappSocket),
  socketOrigin: z
    .string()
    .trim()
    .refine(
      (v) => v === '' || /^https?:\/\/[^\s/]+$/i.test(v.replace(/\/+$/, '')),
      'The origin looks like https://crm.example.com',
    )
    .default(''),
  smsFallback: z.enum(['yes', 'no'], 'yes or no').default('no'),
  /** From the token: the WhatsApp login topic needs it. */
  customerId: z.string().default(''),
});
export type ChategyConfig = z.infer<typeof Config>;

export function parseAccount(input: AccountInput): AccountInput {
  const config = Config.safeParse(
    Object.fromEntries(Object.entries(input.config).filter(([, v]) => v !== '')),
  );
  const token = input.secrets.token?.trim() ?? '';
  const issues = config.success ? [] : issuesOf(config.error);
  let customerId: number | null = null;
  if (!token) issues.push({ path: 'token', message: 'Enter the client token' });
  else {
    customerId = customerIdOf(token);
    if (customerId === null)
      issues.push({
        path: 'token',
        message:
          'This is not a Chategy client token: it should be three dot-separated parts starting with eyJ',
      });
  }
  if (!config.success || issues.length)
    throw new SwitchboardError('invalid_request', issues.map((i) => i.message).join('. '), issues);
  const secrets: Record<string, string> = { token };
  for (const key of ['idempotencyKey', 'developerKey'] as const) {
    const value = input.secrets[key]?.trim();
    if (value) secrets[key] = value;
  }
  return { config: { ...config.data, customerId: String(customerId) }, secrets };
}

export function configOf(config: Readonly<Record<string, string>>): ChategyConfig {
  return Config.parse(config);
}
