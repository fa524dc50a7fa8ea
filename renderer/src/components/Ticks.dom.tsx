import type { DeliveryStatus } from '../../../shared/model/delivery.std.ts';
import type { MessageKey } from '../../../shared/i18n/catalog.std.ts';
import { useSay, useT } from '../i18n/i18n.dom.ts';
import { Icon } from './Icon.dom.tsx';

const GLYPHS: Record<Exclude<DeliveryStatus['tick'], 'pending'>, string> = {
  sent: '✓',
  delivered: '✓✓',
  read: '✓✓',
  failed: '⚠',
};

/**
 * WhatsApp's ticks: a clock while pending, one grey tick when sent, two grey when
 * delivered, two blue when read, and a red mark for a failure (reason on hover).
 */
export function Ticks({ status }: { status: DeliveryStatus | undefined }) {
  const t = useT();
  const sayCore = useSay();
  if (!status) return null;
  const key: MessageKey =
    status.tick === 'read' && status.played ? 'ticks.played' : `ticks.${status.tick}`;
  const reason =
    status.tick === 'failed'
      ? status.reason
        ? sayCore(status.reasonWords, status.reason)
        : t('ticks.failed')
      : undefined;
  const bySms = 'via' in status && status.via === 'sms';
  const label = reason
    ? `${t(key)}: ${reason}`
    : bySms
      ? `${t(key)} · ${t('ticks.bySms')}`
      : t(key);
  return (
    <>
      {/* A cascade that ended on SMS: the customer got a text message, not a WhatsApp one. */}
      {bySms && <span className="ticks-via">{t('ticks.bySms')}</span>}
      <span
        className={`ticks ticks-${status.tick}`}
        role="img"
        aria-label={label}
        title={reason ?? label}
      >
        {status.tick === 'pending' ? <Icon name="clock" size={13} /> : GLYPHS[status.tick]}
      </span>
    </>
  );
}
