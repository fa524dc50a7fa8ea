import { SendFailure, type SendRequest } from '../plugin.node.ts';
import type { Params } from './checksum.node.ts';
import { LINES, isLine, rawId } from './lines.node.ts';
import { words } from '../../../shared/words/coreWords.std.ts';

/** The seed's `send_file` list; anything else is refused with "invalid mime type". */
export const ALLOWED_MIME = new Set([
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/zip',
  'application/x-7z-compressed',
  'audio/ogg',
  'audio/opus',
  'audio/mpeg',
  'audio/mpeg3',
  'audio/x-mpeg-3',
  'audio/amr',
  'audio/aac',
  'audio/x-hx-aac-adts',
  'audio/amr-wb',
  'audio/amr-wb+',
  'audio/3gpp',
  'audio/3gpp2',
  'image/jpeg',
  'image/png',
  'image/webp',
  'video/mp4',
  'text/x-vcard',
]);
export const MAX_FILE_BYTES = 100 * 1024 * 1024;
/** Smaller images go out as native photos on WhatsApp and Telegram. */
export const MAX_NATIVE_IMAGE_BYTES = 10 * 1024 * 1024;

/** The recipient and routing of a send to a chat on a line, as `/delivery` parameters. */
export function deliveryParams(request: SendRequest, smsFallback: boolean): Params {
  const { line, chatId } = request;
  if (!isLine(line)) throw new SendFailure(words('chategy.lineCannotSend'), false);
  const routing: string[] = [LINES[line].routing];
  if (line === 'whatsapp' && smsFallback) routing.push('sms');
  const params: Params = {
    external_id: request.clientRef,
    dispatch_routing: routing,
    simulate_typing: 'false',
  };
  if (line === 'whatsapp') {
    if (chatId.endsWith('@g.us'))
      throw new SendFailure(words('chategy.noGroups'), false, undefined, 'group');
    if (chatId.endsWith('@lid')) params.whatsapp_lid = chatId;
    else params.phone = chatId.split('@')[0]!.replace(/\D/g, '');
  } else if (line === 'tdlib') {
    params.tdlib_user_id = chatId;
  } else if (line === 'telegram_bot') {
    params.phone = chatId.replace(/\D/g, '');
  } else {
    params.max_user_id = chatId;
  }
  if (request.replyTo?.provider) params.reply_to_message_id = rawId(line, request.replyTo.provider);
  return params;
}

/** Checks a file before upload: the refusal a user can act on, not Chategy's "invalid mime type". */
export function checkFile(attachment: { fileName: string; mime: string; data: Uint8Array }): void {
  if (attachment.data.byteLength > MAX_FILE_BYTES) {
    throw new SendFailure(
      words('chategy.fileTooLarge', {
        name: attachment.fileName,
        size: Math.round(attachment.data.byteLength / 1048576),
      }),
      false,
      undefined,
      'too_large',
    );
  }
  if (!ALLOWED_MIME.has(attachment.mime.toLowerCase())) {
    throw new SendFailure(
      attachment.mime
        ? words('chategy.fileTypeRefused', { mime: attachment.mime })
        : words('chategy.fileTypeUnknown'),
      false,
      undefined,
      'invalid_mime',
    );
  }
}
