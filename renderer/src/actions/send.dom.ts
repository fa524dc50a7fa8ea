import type { Attachment } from '../../../shared/ipc/contract.std.ts';
import type { CoreClient } from '../ipc/client.dom.ts';
import { translate } from '../i18n/i18n.dom.ts';

export interface Draft {
  text: string;
  file?: File;
  replyTo?: number;
}

/**
 * Sends what the composer holds. A file goes the way the transport carries files (an
 * upload in browser mode, inline over Electron IPC) before the send names it.
 */
export async function sendDraft(
  client: CoreClient,
  conversationId: number,
  draft: Draft,
): Promise<void> {
  let attachment: Attachment | undefined;
  if (draft.file) {
    const file = draft.file;
    let content: Awaited<ReturnType<CoreClient['fileContent']>>;
    try {
      content = await client.fileContent(file);
    } catch {
      // The transport's own reason is English for the log; the person gets it in their language.
      throw new Error(
        translate(client.language, 'composer.uploadFailed', { name: file.name || 'image.png' }),
      );
    }
    attachment = {
      fileName: file.name || 'image.png',
      mime: file.type || 'application/octet-stream',
      size: file.size,
      ...content,
    };
  }
  await client.call('messages.send', {
    conversationId,
    clientRef: crypto.randomUUID(),
    ...(draft.text.trim() ? { text: draft.text } : {}),
    ...(attachment ? { attachment } : {}),
    ...(draft.replyTo ? { replyTo: draft.replyTo } : {}),
  });
}
