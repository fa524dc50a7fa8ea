import type { DeliveryStatus } from '../../../shared/model/delivery.std.ts';
import { useT } from '../i18n/i18n.dom.ts';

/**
 * WhatsApp's ticks: a clock while pending, one grey tick when sent, two grey when
 * delivered, two blue when read, and a red mark for a failure (reason on hover).
 */
export function Ticks({ status }: { status: DeliveryStatus | undefined }) {
  const t = useT();
  if (!status) return null;
  switch (status.tick) {
    case 'pending':
      return (
        <span className="ticks ticks-pending" role="img" aria-label={t('ticks.pending')} title={t('ticks.pending')}>
          🕓
        </span>
      );
    case 'sent':
      return (
        <span className="ticks ticks-sent" role="img" aria-label={t('ticks.sent')} title={t('ticks.sent')}>
          ✓
        </span>
      );
    case 'delivered':
      return (
        <span className="ticks ticks-delivered" role="img" aria-label={t('ticks.delivered')} title={t('ticks.delivered')}>
          ✓✓
        </span>
      );
    case 'read':
      return (
        <span className="ticks ticks-read" role="img" aria-label={status.played ? t('ticks.played') : t('ticks.read')} title={status.played ? t('ticks.played') : t('ticks.read')}>
          ✓✓
        </span>
      );
    case 'failed': {
      const reason = status.reason ?? t('ticks.failed');
      return (
        <span className="ticks ticks-failed" role="img" aria-label={`${t('ticks.failed')}: ${reason}`} title={reason}>
          ⚠
        </span>
      );
    }
  }
}
