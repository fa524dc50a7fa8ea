import type { Account } from '../../../shared/model/entities.std.ts';
import type { LoginState } from '../../../shared/model/login.std.ts';
import type { MessageKey } from '../../../shared/i18n/catalog.std.ts';
import type { AccountNotices } from '../../../shared/model/notices.std.ts';
import { useWorkspace } from '../store/workspace.dom.ts';
import { useT } from '../i18n/i18n.dom.ts';
import { ConnectionBadge } from './ConnectionBadge.dom.tsx';
import { BellIcon } from './BellIcon.dom.tsx';
import { MessengerIcon } from './MessengerIcon.dom.tsx';
import { colorOf, initialsOf } from './Avatar.dom.tsx';
import { Confirm } from './Confirm.dom.tsx';
import { Icon } from './Icon.dom.tsx';
import { useState } from 'react';

interface SidebarProps {
  onLineClick(lineId: string): void;
  onAddAccount(): void;
  onSettings(): void;
  /** Shows one account's conversations, or (null) all of them. */
  onScope(accountId: string | null): void;
  onMute(lineId: string, muted: boolean): void;
  onAccountSettings?(accountId: string): void;
  /** Removes every demo account and its simulators at once. */
  onRemoveDemo?(): void;
}

function Count({ n, muted = false, label }: { n: number; muted?: boolean; label: string }) {
  if (n <= 0) return null;
  return (
    <span className={`unread${muted ? ' unread-muted' : ''}`} aria-label={label}>
      {n > 999 ? '999+' : n}
    </span>
  );
}

/** What a line's sign-in state says beside its name; signed in says nothing. */
const STATE_LABEL: Partial<Record<LoginState['state'], MessageKey>> = {
  qr: 'line.waiting',
  connecting: 'line.waiting',
  error: 'line.error',
  phone: 'line.needsPhone',
  code: 'line.needsCode',
  password: 'line.needsPassword',
};

export function AccountSidebar({
  onLineClick,
  onAddAccount,
  onSettings,
  onScope,
  onMute,
  onAccountSettings,
  onRemoveDemo,
}: SidebarProps) {
  const t = useT();
  const [confirmDemo, setConfirmDemo] = useState(false);
  const accounts = useWorkspace((s) => s.accounts);
  const lines = useWorkspace((s) => s.lines);
  const notices = useWorkspace((s) => s.notices);
  const scope = useWorkspace((s) => s.scope);
  const unread = useWorkspace((s) => s.unread);
  const accountUnread = (account: Account) =>
    lines
      .filter((l) => l.accountId === account.id && !l.muted)
      .reduce((sum, l) => sum + (unread.lines[l.id] ?? 0), 0);
  return (
    <nav className="sidebar" aria-label={t('sidebar.label')}>
      <button
        type="button"
        className={`sidebar-item sidebar-scope${scope === null ? ' sidebar-scope-current' : ''}`}
        aria-current={scope === null ? 'page' : undefined}
        onClick={() => onScope(null)}
      >
        <span className="sidebar-all-label">{t('sidebar.allAccounts')}</span>
        <span className="rail-avatar rail-all" aria-hidden="true">
          {t('sidebar.allShort')}
        </span>
        <Count n={unread.total} label={t('conversations.unread', { count: unread.total })} />
      </button>
      <div className="sidebar-actions">
        <button
          type="button"
          className="add-account"
          onClick={onAddAccount}
          title={t('sidebar.addAccount')}
        >
          <span aria-hidden="true">+</span>{' '}
          <span className="add-account-label">{t('sidebar.addAccount')}</span>
        </button>
        <button
          type="button"
          className="add-account"
          onClick={onSettings}
          aria-label={t('settings.open')}
          title={t('settings.open')}
        >
          <Icon name="settings" />
        </button>
      </div>
      {accounts.length === 0 && <p className="muted">{t('sidebar.noAccounts')}</p>}
      {onRemoveDemo && accounts.some((a) => a.demo) && (
        <div className="demo-note" role="note">
          <p>{t('demo.note')}</p>
          {confirmDemo ? (
            <Confirm
              question={t('demo.removeQuestion')}
              confirm={t('demo.removeConfirm')}
              onConfirm={() => {
                setConfirmDemo(false);
                onRemoveDemo();
              }}
              onCancel={() => setConfirmDemo(false)}
            />
          ) : (
            <button type="button" className="link-button" onClick={() => setConfirmDemo(true)}>
              {t('demo.remove')}
            </button>
          )}
        </div>
      )}
      <ul role="list">
        {accounts.map((account, index) => (
          <li key={account.id} className="sidebar-account">
            <div className="sidebar-account-row">
              <button
                type="button"
                className={`sidebar-account-head sidebar-scope${scope === account.id ? ' sidebar-scope-current' : ''}`}
                aria-current={scope === account.id ? 'page' : undefined}
                title={t('sidebar.onlyThisAccount')}
                onClick={() => onScope(account.id)}
              >
                <span
                  className={`rail-avatar rail-${account.connection.state}`}
                  aria-hidden="true"
                  title={account.label}
                  style={{ background: colorOf(index) }}
                >
                  {railInitials(account.label)}
                </span>
                <span className="account-label">{account.label}</span>
                {account.demo && <span className="tag">{t('account.demo')}</span>}
                <ConnectionBadge state={account.connection} sending={account.sending} />
                <Count
                  n={accountUnread(account)}
                  label={t('conversations.unread', { count: accountUnread(account) })}
                />
              </button>
              {onAccountSettings && (
                <button
                  type="button"
                  className="mute-toggle"
                  onClick={() => onAccountSettings(account.id)}
                  aria-label={t('sidebar.accountSettings', { label: account.label })}
                  title={t('sidebar.accountSettings', { label: account.label })}
                >
                  <Icon name="more" size={16} />
                </button>
              )}
            </div>
            <Notices notices={notices[account.id]} />
            <ul role="list">
              {lines
                .filter((line) => line.accountId === account.id)
                .map((line) => {
                  const state = line.login.state;
                  const label =
                    state === 'authorized'
                      ? undefined
                      : STATE_LABEL[state]
                        ? t(STATE_LABEL[state])
                        : t('line.signedOut');
                  const name = line.title ?? line.phone ?? line.providerLineId;
                  const count = unread.lines[line.id] ?? 0;
                  return (
                    <li key={line.id} className="sidebar-line">
                      <button
                        type="button"
                        className="line-button"
                        onClick={() => onLineClick(line.id)}
                        data-testid="line"
                      >
                        <MessengerIcon messenger={line.messenger} />
                        <span className="line-name">{name}</span>
                        {label && <span className={`line-state line-state-${state}`}>{label}</span>}
                        <Count
                          n={count}
                          muted={line.muted}
                          label={t('conversations.unread', { count })}
                        />
                      </button>
                      <button
                        type="button"
                        className="mute-toggle"
                        aria-pressed={line.muted}
                        aria-label={t(line.muted ? 'line.unmute' : 'line.mute', { line: name })}
                        title={t(line.muted ? 'line.unmute' : 'line.mute', { line: name })}
                        onClick={() => onMute(line.id, !line.muted)}
                      >
                        <BellIcon muted={line.muted} />
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

/**
 * Two letters that tell accounts apart on the rail. "Demo · ChatApp" and "Demo · Chategy"
 * share a prefix, so the part after the last "·" counts, and one word gives its capitals
 * ("ChatApp" → "CA") or its first two letters ("Chategy" → "Ch").
 */
export function railInitials(label: string): string {
  const tail = label.split('·').at(-1)!.trim() || label;
  if (/\s/.test(tail)) return initialsOf(tail);
  const capitals = [...tail].filter((ch) => /\p{Lu}/u.test(ch));
  if (capitals.length >= 2) return capitals.slice(0, 2).join('');
  const letters = [...tail].filter((ch) => /[\p{L}\p{N}]/u.test(ch));
  return (letters[0] ?? '#').toUpperCase() + (letters[1] ?? '').toLowerCase();
}

/** A provider's calendar date ("2027-07-01") in the user's language ("1 июля 2027 г."); anything else as given. */
export function localDate(value: string, language: string): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!day) return value;
  const at = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(at);
}

function Notices({ notices }: { notices: AccountNotices | undefined }) {
  const t = useT();
  const language = useWorkspace((s) => s.settings?.language ?? 'en');
  if (!notices) return null;
  return (
    <>
      {notices.balance && (
        <p className="account-balance muted">
          {t('account.balance', { balance: notices.balance })}
          {notices.paidUntil &&
            ` · ${t('account.paidUntil', { date: localDate(notices.paidUntil, language) })}`}
        </p>
      )}
      {notices.warnings.map((warning) => (
        <p key={warning.code} className="account-warning" role="note">
          ⚠{' '}
          {warning.code === 'balance_low'
            ? t(warning.cost ? 'notice.balanceBelowCost' : 'notice.balanceLow', {
                balance: warning.balance,
                cost: warning.cost ?? '',
              })
            : warning.code === 'subscription_ends'
              ? t('notice.subscriptionEnds', { date: localDate(warning.date, language) })
              : t('notice.subscriptionInactive')}
        </p>
      ))}
    </>
  );
}
