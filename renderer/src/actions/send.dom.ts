import type { Attachment } from '../../../shared/ipc/contract.std.ts';
import type { CoreClient } from '../ipc/client.dom.ts';

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
    attachment = {
      fileName: file.name || 'image.png',
      mime: file.type || 'application/octet-stream',
      size: file.size,
      ...(await client.fileContent(file)),
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
