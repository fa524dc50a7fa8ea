import type { Messenger } from '../../../shared/model/ids.std.ts';

/** ChatApp's messenger types; seed000 says grayWhatsApp, seed001 grWhatsApp. */
const MESSENGERS: Record<string, Messenger> = {
  grwhatsapp: 'whatsapp',
  graywhatsapp: 'whatsapp',
  whatsapp: 'whatsapp',
  cawhatsapp: 'whatsapp_cloud',
  telegram: 'telegram',
  telegrambot: 'telegram_bot',
  max: 'max',
  vk: 'vk_ok',
};

export function messengerOf(type: string): Messenger | undefined {
  return MESSENGERS[type.toLowerCase()];
}

/** A line is one messenger on one license. */
export function lineIdOf(licenseId: string, messengerType: string): string {
  return `${licenseId}:${messengerType}`;
}

export function splitLineId(line: string): { licenseId: string; messengerType: string } {
  const at = line.indexOf(':');
  return { licenseId: line.slice(0, at), messengerType: line.slice(at + 1) };
}
