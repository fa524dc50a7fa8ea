import { describe, expect, it, vi } from 'vitest';
import { sendDraft } from '../../../renderer/src/actions/send.dom.ts';
import type { CoreClient } from '../../../renderer/src/ipc/client.dom.ts';

describe('sending a draft with a file', () => {
  it('names the file by its upload, and says in the user’s language when the upload fails', async () => {
    const call = vi.fn(async () => ({}));
    const client = {
      language: 'ru',
      call,
      fileContent: vi.fn(async () => ({ uploadId: '11111111-2222-4333-8444-555555555555' })),
    } as unknown as CoreClient;
    const file = new File(['%PDF'], 'prices.pdf', { type: 'application/pdf' });
    await sendDraft(client, 7, { text: 'Цены', file });
    expect(call).toHaveBeenCalledWith(
      'messages.send',
      expect.objectContaining({
        conversationId: 7,
        text: 'Цены',
        attachment: {
          fileName: 'prices.pdf',
          mime: 'application/pdf',
          size: 4,
          uploadId: '11111111-2222-4333-8444-555555555555',
        },
      }),
    );

    const failing = {
      ...client,
      language: 'ru',
      call,
      fileContent: async () => Promise.reject(new Error('The file could not be uploaded (413).')),
    } as unknown as CoreClient;
    await expect(sendDraft(failing, 7, { text: '', file })).rejects.toThrow(
      'Не удалось передать «prices.pdf» ядру Switchboard. Проверьте, что оно запущено, и попробуйте ещё раз.',
    );
    expect(call).toHaveBeenCalledTimes(1);
  });
});
