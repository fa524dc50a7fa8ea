import type { LineInfo } from '../../../shared/model/events.std.ts';
import { type LoginState, loginSaid } from '../../../shared/model/login.std.ts';
import { LINES, type LineKey } from './lines.node.ts';
import type { Account } from './wire.node.ts';
import type { AccountNotices, AccountWarning } from '../../../shared/model/notices.std.ts';
import { words } from '../../../shared/words/coreWords.std.ts';

const SIGNED_OUT: LoginState = loginSaid.loggedOut(words('login.notSignedInChategy'));

/** `whatsapp_session` 0/1; `tdlib_session` 0–3 (+4 QR, 5 blocked); `max_session` 0–5 (third-party). */
export function sessionLogin(line: LineKey, value: number | null | undefined): LoginState {
  if (value == null) return { state: 'unknown' };
  if (line === 'whatsapp') return value === 1 ? { state: 'authorized' } : SIGNED_OUT;
  if (line === 'tdlib') {
    // TDLib's own steps: the sign-in is waiting for the phone, the code or the password.
    if (value === 0) return { state: 'phone' };
    if (value === 1) return { state: 'code' };
    if (value === 2) return { state: 'password' };
    if (value === 3) return { state: 'authorized' };
    if (value === 5) return loginSaid.error(words('login.telegramBlocked'), false);
    return SIGNED_OUT;
  }
  if (value === 2) return { state: 'authorized' };
  if (value === 4) return loginSaid.error(words('login.maxSuspended'), false);
  return SIGNED_OUT;
}

export function linesOf(account: Account): LineInfo[] {
  const sessions = {
    whatsapp: account.whatsapp_session,
    tdlib: account.tdlib_session,
    max: account.max_session,
  } as const;
  return (Object.keys(sessions) as (keyof typeof sessions)[]).map((key) => ({
    providerLineId: key,
    messenger: LINES[key].messenger,
    title: LINES[key].title,
    ...(key === 'whatsapp' && account.whatsapp_phone ? { phone: account.whatsapp_phone } : {}),
    login: sessionLogin(key, sessions[key]),
  }));
}

/** What the account screen shows, and the warnings a user must not miss. */
export function noticesOf(account: Account, today = new Date()): AccountNotices {
  const balance = account.total_amount == null ? null : Number(account.total_amount);
  const cost = account.subscription_cost == null ? null : Number(account.subscription_cost);
  const warnings: AccountWarning[] = [];
  if (account.subscription_status && account.subscription_status !== 'active') {
    warnings.push({ code: 'subscription_inactive' });
  } else if (account.subscription_paid_until) {
    const days = Math.floor(
      (Date.parse(account.subscription_paid_until) - today.getTime()) / 86_400_000,
    );
    if (days >= 0 && days < 3)
      warnings.push({ code: 'subscription_ends', date: account.subscription_paid_until });
  }
  if (balance !== null && Number.isFinite(balance) && balance < Math.max(cost ?? 0, 1)) {
    warnings.push({
      code: 'balance_low',
      balance: String(account.total_amount),
      ...(cost ? { cost: String(account.subscription_cost) } : {}),
    });
  }
  return {
    balance: account.total_amount == null ? null : String(account.total_amount),
    subscriptionStatus: account.subscription_status ?? null,
    paidUntil: account.subscription_paid_until ?? null,
    warnings,
  };
}
