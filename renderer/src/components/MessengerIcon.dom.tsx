import type { Messenger } from '../../../shared/model/ids.std.ts';
import { useT } from '../i18n/i18n.dom.ts';

const NAMES: Record<Messenger, string> = {
  whatsapp: 'WhatsApp',
  whatsapp_cloud: 'WhatsApp Cloud',
  telegram: 'Telegram',
  telegram_bot: 'Telegram bot',
  max: 'MAX',
  vk_ok: 'VK / OK',
  sms: 'SMS',
};

/** Which messenger a line speaks: its colour and initial, and its name for screen readers and on hover. */
export function MessengerIcon({ messenger }: { messenger: Messenger }) {
  const t = useT();
  // Brand names stay as they are; only "bot" is a word to translate.
  const name = messenger === 'telegram_bot' ? t('messenger.telegramBot') : NAMES[messenger];
  return (
    <span className={`messenger messenger-${messenger}`} role="img" aria-label={name} title={name}>
      {name[0]}
    </span>
  );
}
