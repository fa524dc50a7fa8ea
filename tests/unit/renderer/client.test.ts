import { describe, expect, it } from 'vitest';
import { CoreClient } from '../../../renderer/src/ipc/client.dom.ts';
import type { Transport } from '../../../renderer/src/ipc/transport.dom.ts';
import type { Reply } from '../../../shared/ipc/wire.std.ts';
import { SwitchboardError, type IpcError } from '../../../shared/ipc/errors.std.ts';
import { words } from '../../../shared/words/coreWords.std.ts';
import { addWords } from '../../../shared/i18n/catalog.std.ts';
import { chatappWords } from '../../../main/providers/chatapp/words.std.ts';

// As the page does with each provider's words from providers.list.
addWords(chatappWords);

function answering(reply: Reply): Transport {
  return {
    invoke: async () => reply,
    onEvent: () => () => undefined,
    onStatus: () => () => undefined,
    mediaUrl: (name) => `/media/${name}`,
    fileContent: async () => ({ dataBase64: '' }),
  };
}

describe('the core client', () => {
  it('says the core’s refusals in the user’s language, on the form field too', async () => {
    const refusal = new SwitchboardError(
      'auth',
      words('chatapp.credentialsRefused', { detail: ': Wrong email, password or appId' }),
      [
        {
          path: 'password',
          message:
            'ChatApp refused the email, password or app id: Wrong email, password or appId. Check them and sign in again.',
        },
      ],
    ).toIpc();
    const client = new CoreClient(answering({ ok: false, error: refusal }));
    client.language = 'ru';
    const error = (await client.call('accounts.list', {}).then(
      () => undefined,
      (e: unknown) => e,
    )) as SwitchboardError;
    expect(error).toBeInstanceOf(SwitchboardError);
    expect(error.message).toBe(
      'ChatApp не принял email, пароль или app id: Wrong email, password or appId. Проверьте их и войдите снова.',
    );
    expect(error.issues).toEqual([{ path: 'password', message: error.message }]);
    expect(error.words?.key).toBe('chatapp.credentialsRefused');
  });

  it('keeps the English message when the words are unknown to this page', async () => {
    const newer: IpcError = {
      code: 'provider',
      message: 'Something only a newer core can say.',
      words: { key: 'newer.thing', params: {} },
    };
    const client = new CoreClient(answering({ ok: false, error: newer }));
    client.language = 'ru';
    await expect(client.call('accounts.list', {})).rejects.toThrow(
      'Something only a newer core can say.',
    );
  });
});
