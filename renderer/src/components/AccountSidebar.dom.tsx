import { useWorkspace } from '../store/workspace.dom.ts';
import { useT } from '../i18n/i18n.dom.ts';
import { ConnectionBadge } from './ConnectionBadge.dom.tsx';

export function AccountSidebar({ onLineClick, onAddAccount, onSettings }: { onLineClick(lineId: string): void; onAddAccount(): void; onSettings(): void }) {
  const t = useT();
  const accounts = useWorkspace((s) => s.accounts);
  const lines = useWorkspace((s) => s.lines);
  const notices = useWorkspace((s) => s.notices);
  return (
    <nav className="sidebar" aria-label={t('sidebar.label')}>
      <div className="sidebar-item sidebar-all" aria-current="page">
        {t('sidebar.allAccounts')}
      </div>
      <div className="sidebar-actions">
        <button type="button" className="add-account" onClick={onAddAccount}>
          + {t('sidebar.addAccount')}
        </button>
        <button type="button" className="add-account" onClick={onSettings} aria-label={t('settings.open')} title={t('settings.open')}>
          ⚙
        </button>
      </div>
      {accounts.length === 0 && <p className="muted">{t('sidebar.noAccounts')}</p>}
      <ul role="list">
        {accounts.map((account) => (
          <li key={account.id} className="sidebar-account">
            <div className="sidebar-account-head">
              <span className="account-label">{account.label}</span>
              {account.demo && <span className="tag">{t('account.demo')}</span>}
              <ConnectionBadge state={account.connection} />
            </div>
            {notices[account.id]?.balance && (
              <p className="account-balance muted">
                {t('account.balance', { balance: notices[account.id]!.balance! })}
                {notices[account.id]!.paidUntil && ` · ${t('account.paidUntil', { date: notices[account.id]!.paidUntil! })}`}
              </p>
            )}
            {notices[account.id]?.warnings.map((warning) => (
              <p key={warning.code} className="account-warning" role="note">
                ⚠ {warning.code === 'balance_low' ? t(warning.cost ? 'notice.balanceBelowCost' : 'notice.balanceLow', { balance: warning.balance, cost: warning.cost ?? '' }) : warning.code === 'subscription_ends' ? t('notice.subscriptionEnds', { date: warning.date }) : t('notice.subscriptionInactive')}
              </p>
            ))}
            <ul role="list">
              {lines
                .filter((line) => line.accountId === account.id)
                .map((line) => {
                  const state = line.login.state;
                  const label = state === 'authorized' ? undefined : state === 'qr' || state === 'connecting' ? t('line.waiting') : state === 'error' ? t('line.error') : t('line.signedOut');
                  return (
                    <li key={line.id} className="sidebar-line">
                      <button type="button" className="line-button" onClick={() => onLineClick(line.id)} data-testid="line">
                        <span className={`messenger messenger-${line.messenger}`} aria-hidden="true" />
                        <span>{line.title ?? line.phone ?? line.providerLineId}</span>
                        {label && <span className={`line-state line-state-${state}`}>{label}</span>}
                      </button>
                    </li>
                  );
                })}
            </ul>
          </li>
        ))}
      </ul>
    </nav>
  );
}
