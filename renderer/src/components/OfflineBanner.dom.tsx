import type { Account } from '../../../shared/model/entities.std.ts';
import { useWorkspace } from '../store/workspace.dom.ts';
import { useSay, useT } from '../i18n/i18n.dom.ts';
import { useNow } from './useNow.dom.ts';

const DOWN = new Set(['offline', 'reconnecting', 'auth_error']);

/**
 * Says what is offline: the core itself, or which accounts and why, with the reconnect
 * countdown ticking. History stays browsable and searchable meanwhile, and the banner says so.
 */
export function OfflineBanner() {
  const t = useT();
  const sayCore = useSay();
  const status = useWorkspace((s) => s.status);
  const accounts = useWorkspace((s) => s.accounts);
  const down = accounts.filter((a) => DOWN.has(a.connection.state));
  const counting = down.some((a) => a.connection.state === 'reconnecting');
  const now = useNow(counting);

  if (status !== 'open') {
    return (
      <div className="banner" role="status">
        {status === 'connecting' ? t('core.connecting') : t('core.offline')}
      </div>
    );
  }
  if (down.length === 0) return null;
  const describe = (a: Account) => {
    const c = a.connection;
    const state =
      c.state === 'reconnecting'
        ? t('connection.reconnecting', {
            seconds: Math.max(0, Math.round((c.nextAttemptAt - now) / 1000)),
          })
        : t(`connection.${c.state}`);
    // A reason is a sentence of its own; the list puts its own stops between them.
    const said = 'reason' in c && c.reason ? sayCore(c.reasonWords, c.reason) : '';
    const reason = said ? `: ${said.replace(/[.。]+$/u, '')}` : '';
    return `${a.label} — ${state.toLowerCase()}${reason}`;
  };
  return (
    <div className="banner banner-accounts" role="status" data-testid="offline-banner">
      <strong>{t('offline.accounts', { count: down.length })}</strong>{' '}
      {down.map(describe).join('; ')}. <span>{t('offline.history')}</span>
    </div>
  );
}
