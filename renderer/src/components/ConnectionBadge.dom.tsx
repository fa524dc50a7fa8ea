import type { ConnectionState } from '../../../shared/model/connection.std.ts';
import type { Account } from '../../../shared/model/entities.std.ts';
import { useNow } from './useNow.dom.ts';
import { useSay, useT } from '../i18n/i18n.dom.ts';

/**
 * Where an account stands: its connection, or, while it is online but its sends do not go
 * (a daily limit, a refused file), "Sending fails" with how many and why.
 */
export function ConnectionBadge({
  state,
  sending,
}: {
  state: ConnectionState;
  sending?: Account['sending'];
}) {
  const t = useT();
  const sayCore = useSay();
  const now = useNow(state.state === 'reconnecting');
  if (state.state === 'online' && sending) {
    const why = t('connection.sendingFailsWhy', {
      count: sending.unsent,
      reason: sayCore(sending.reasonWords, sending.reason),
    });
    return (
      <span className="badge badge-sending_fails" title={why}>
        {t('connection.sendingFails')}
        <span className="visually-hidden">: {why}</span>
      </span>
    );
  }
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
