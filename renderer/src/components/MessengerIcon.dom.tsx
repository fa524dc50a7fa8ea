import type { Messenger } from '../../../shared/model/ids.std.ts';

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
  const name = NAMES[messenger];
  return (
    <span className={`messenger messenger-${messenger}`} role="img" aria-label={name} title={name}>
      {name[0]}
    </span>
  );
}
