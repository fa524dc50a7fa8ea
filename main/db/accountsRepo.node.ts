import type { Database } from 'better-sqlite3';
import type { Line } from '../../shared/model/entities.std.ts';
import type { LineInfo } from '../../shared/model/events.std.ts';
import type { LoginState } from '../../shared/model/login.std.ts';
import type { ProviderKind } from '../../shared/model/ids.std.ts';
import { lineFromRow, type LineRow } from './rows.node.ts';

export interface AccountRecord {
  id: string;
  provider: ProviderKind;
  label: string;
  config: Record<string, unknown>;
  demo: boolean;
  createdAt: number;
}

interface AccountRow {
  id: string;
  provider: string;
  label: string;
  config: string;
  demo: number;
  created_at: number;
}

const fromRow = (row: AccountRow): AccountRecord => ({
  id: row.id,
  provider: row.provider as ProviderKind,
  label: row.label,
  config: JSON.parse(row.config) as Record<string, unknown>,
  demo: row.demo === 1,
  createdAt: row.created_at,
});

/** Accounts and their lines: few rows, read whole. */
export function createAccountsRepo(db: Database) {
  const all = db.prepare('SELECT * FROM accounts ORDER BY created_at, id');
  const one = db.prepare('SELECT * FROM accounts WHERE id = ?');
  const insert = db.prepare(
    'INSERT INTO accounts (id, provider, label, config, demo, created_at) VALUES (@id, @provider, @label, @config, @demo, @createdAt)',
  );
  const update = db.prepare('UPDATE accounts SET label = @label, config = @config WHERE id = @id');
  const allLines = db.prepare('SELECT * FROM lines ORDER BY account_id, provider_line_id');
  const lineById = db.prepare('SELECT * FROM lines WHERE id = ?');
  const upsertLine = db.prepare(`
    INSERT INTO lines (id, account_id, provider_line_id, messenger, title, phone, login)
    VALUES (@id, @accountId, @providerLineId, @messenger, @title, @phone, @login)
    ON CONFLICT (account_id, provider_line_id) DO UPDATE SET
      messenger = excluded.messenger,
      title = coalesce(excluded.title, title),
      phone = coalesce(excluded.phone, phone),
      login = CASE WHEN @loginGiven THEN excluded.login ELSE login END`);
  const setLogin = db.prepare('UPDATE lines SET login = ? WHERE id = ?');
  const setMuted = db.prepare('UPDATE lines SET muted = ? WHERE id = ?');
  const dropAliases = db.prepare(
    'DELETE FROM message_aliases WHERE line_id IN (SELECT id FROM lines WHERE account_id = ?)',
  );
  const dropEarly = db.prepare(
    'DELETE FROM early_events WHERE line_id IN (SELECT id FROM lines WHERE account_id = ?)',
  );
  const dropAccount = db.prepare('DELETE FROM accounts WHERE id = ?');
  const getWebhookSecret = db
    .prepare('SELECT secret FROM webhook_secrets WHERE account_id = ?')
    .pluck();
  const putWebhookSecret = db.prepare(
    'INSERT INTO webhook_secrets (account_id, secret, issued_at) VALUES (?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET secret = excluded.secret, issued_at = excluded.issued_at',
  );
  const putWorkspace = db.prepare(
    'INSERT INTO workspace (account_id, key, value) VALUES (?, ?, ?) ON CONFLICT (account_id, key) DO UPDATE SET value = excluded.value',
  );
  const getWorkspace = db
    .prepare('SELECT value FROM workspace WHERE account_id = ? AND key = ?')
    .pluck();
  const allWorkspace = db.prepare('SELECT key, value FROM workspace WHERE account_id = ?');

  const removeAll = db.transaction((id: string): void => {
    dropAliases.run(id);
    dropEarly.run(id);
    dropAccount.run(id);
  });

  return {
    list: (): AccountRecord[] => (all.all() as AccountRow[]).map(fromRow),
    get: (id: string): AccountRecord | undefined => {
      const row = one.get(id) as AccountRow | undefined;
      return row ? fromRow(row) : undefined;
    },
    add(record: AccountRecord): void {
      insert.run({ ...record, config: JSON.stringify(record.config), demo: record.demo ? 1 : 0 });
    },
    update(id: string, label: string, config: Record<string, unknown>): void {
      update.run({ id, label, config: JSON.stringify(config) });
    },
    /** Removes the account with everything cached for it. */
    remove(id: string): void {
      removeAll(id);
    },
    lines: (): Line[] => (allLines.all() as LineRow[]).map(lineFromRow),
    line(id: string): Line | undefined {
      const row = lineById.get(id) as LineRow | undefined;
      return row ? lineFromRow(row) : undefined;
    },
    upsertLine(accountId: string, info: LineInfo): Line {
      const id = lineIdOf(accountId, info.providerLineId);
      upsertLine.run({
        id,
        accountId,
        providerLineId: info.providerLineId,
        messenger: info.messenger,
        title: info.title ?? null,
        phone: info.phone ?? null,
        login: JSON.stringify(info.login ?? { state: 'unknown' }),
        loginGiven: info.login ? 1 : 0,
      });
      return lineFromRow(lineById.get(id) as LineRow);
    },
    setLogin(lineId: string, state: LoginState): void {
      setLogin.run(JSON.stringify(state), lineId);
    },
    /** Account-wide data a provider reports (employee status, quick responses, balance). */
    /** The secret of a webhook account's URL path, if it has one. */
    webhookSecret(accountId: string): string | undefined {
      return getWebhookSecret.get(accountId) as string | undefined;
    },
    setWebhookSecret(accountId: string, secret: string, now = Date.now()): void {
      putWebhookSecret.run(accountId, secret, now);
    },
    setWorkspace(accountId: string, key: string, value: unknown): void {
      putWorkspace.run(accountId, key, JSON.stringify(value ?? null));
    },
    workspace(accountId: string, key: string): unknown {
      const raw = getWorkspace.get(accountId, key) as string | undefined;
      return raw === undefined ? undefined : JSON.parse(raw);
    },
    workspaceOf(accountId: string): Record<string, unknown> {
      const rows = allWorkspace.all(accountId) as { key: string; value: string }[];
      return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
    },
    setMuted(lineId: string, muted: boolean): boolean {
      return setMuted.run(muted ? 1 : 0, lineId).changes > 0;
    },
  };
}

export type AccountsRepo = ReturnType<typeof createAccountsRepo>;

/** Line ids are derived, so re-listing a provider's lines finds the same rows. */
export function lineIdOf(accountId: string, providerLineId: string): string {
  return `${accountId}/${providerLineId}`;
}
