import type { ConnectionState } from '../../../shared/model/connection.std.ts';
import { useNow } from './useNow.dom.ts';
import { useSay, useT } from '../i18n/i18n.dom.ts';

export function ConnectionBadge({ state }: { state: ConnectionState }) {
  const t = useT();
  const sayCore = useSay();
  const now = useNow(state.state === 'reconnecting');
  const label =
    state.state === 'reconnecting'
      ? t('connection.reconnecting', {
          seconds: Math.max(0, Math.round((state.nextAttemptAt - now) / 1000)),
        })
      : t(`connection.${state.state}`);
  return (
    <span
      className={`badge badge-${state.state}`}
      title={
        'reason' in state && state.reason ? sayCore(state.reasonWords, state.reason) : undefined
      }
    >
      {label}
    </span>
  );
}
