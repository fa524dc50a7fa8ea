import { describe, expect, it } from 'vitest';
import type { ProviderContext, ProviderPlugin } from '../../../main/providers/plugin.node.ts';
import { chatAppPlugin } from '../../../main/providers/chatapp/plugin.node.ts';
import { chategyPlugin } from '../../../main/providers/chategy/plugin.node.ts';
import { maytapiPlugin } from '../../../main/providers/maytapi/plugin.node.ts';
import { multiWaPlugin } from '../../../main/providers/multiwa/plugin.node.ts';

/** A context good enough to construct a connection (nothing is started). */
function contextFor(
  config: Record<string, string>,
  secrets: Record<string, string>,
): ProviderContext {
  const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
  return {
    accountId: 'a1',
    config,
    secrets: { get: (k) => secrets[k], set: () => undefined },
    emit: () => undefined,
    flushed: async () => undefined,
    quarantine: () => undefined,
    cache: { lastMessageOf: () => undefined, activeChats: () => [], unsettledOutgoing: () => [] },
    webhookUrl: () => null,
    signal: new AbortController().signal,
    log: silent,
  };
}

const TOKEN = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from('{"customer_id":813}').toString('base64url')}.sig`;
const cases: [ProviderPlugin, Record<string, string>, Record<string, string>][] = [
  [
    chatAppPlugin,
    { email: 'shop@example.com', appId: 'app_1_1', apiBase: 'https://api.chatapp.online' },
    { password: 'x' },
  ],
  [chategyPlugin, { customerId: '813' }, { token: TOKEN }],
  [
    maytapiPlugin,
    { productId: '3f1c2b7e-aaaa-bbbb-cccc-1234567890ab', apiBase: 'https://api.maytapi.com/api' },
    { apiKey: 'k' },
  ],
  [multiWaPlugin, { baseUrl: 'https://wa.example.com' }, { apiKey: 'k' }],
];

describe('provider capabilities', () => {
  it.each(
    cases.map(
      ([plugin, config, secrets]) => [plugin.descriptor.kind, plugin, config, secrets] as const,
    ),
  )('%s declares exactly what its connection does', (_kind, plugin, config, secrets) => {
    const connection = plugin.connect(
      contextFor(plugin.parseAccount({ config, secrets }).config, secrets),
    );
    const declared = plugin.descriptor.capabilities;
    expect({
      react: declared.react,
      deleteForEveryone: declared.deleteForEveryone,
      markRead: declared.markRead,
      history: declared.history,
      addLine: declared.addLine,
    }).toEqual({
      react: typeof connection.react === 'function',
      deleteForEveryone: typeof connection.deleteForEveryone === 'function',
      markRead: typeof connection.markRead === 'function',
      history: connection.history !== undefined,
      addLine: typeof connection.addLine === 'function',
    });
    // Nothing edits, starts new chats or sends templates yet: none may claim to.
    expect([declared.edit, declared.newChat, declared.templates]).toEqual([false, false, false]);
  });
});
