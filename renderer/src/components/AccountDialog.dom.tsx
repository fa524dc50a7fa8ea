import { useEffect, useState } from 'react';
import type { Account } from '../../../shared/model/entities.std.ts';
import type { Result } from '../../../shared/ipc/contract.std.ts';
import { useT } from '../i18n/i18n.dom.ts';
import { useWorkspace } from '../store/workspace.dom.ts';
import { SwitchboardError } from '../../../shared/ipc/errors.std.ts';
import { useEscape } from './useEscape.dom.ts';
import { Confirm } from './Confirm.dom.tsx';

export interface AccountActions {
  webhookInfo(): Promise<Result<'webhooks.info'>>;
  register(replaceForeign: boolean): Promise<Result<'webhooks.register'>>;
  /** A new address for the account, registered at the provider; the old one stops working. */
  reissue(): Promise<Result<'webhooks.reissue'>>;
  test(): Promise<Result<'webhooks.test'>>;
  /** What the account sent that could not be understood, and offering it again. */
  quarantine(): Promise<Result<'quarantine.list'>>;
  replayQuarantine(): Promise<Result<'quarantine.replay'>>;
  remove(): Promise<void>;
  /** Mutes or unmutes every line of the account. */
  muteAll(muted: boolean): Promise<void>;
  onClose(): void;
}

type Outcome = { kind: 'ok' | 'error'; text: string } | { kind: 'foreign'; text: string };

/**
 * One account: for webhook providers the addresses the provider must call, registering ours
 * there and a round-trip test; and removing the account, after saying what that deletes.
 */
export function AccountDialog({
  account,
  webhook,
  allMuted,
  actions,
}: {
  account: Account;
  webhook: boolean;
  allMuted: boolean;
  actions: AccountActions;
}) {
  const t = useT();
  useEscape(actions.onClose);
  const [info, setInfo] = useState<Result<'webhooks.info'>>();
  const [outcome, setOutcome] = useState<Outcome>();
  const [busy, setBusy] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [muted, setMuted] = useState(allMuted);
  useEffect(() => setMuted(allMuted), [allMuted]);

  const [kept, setKept] = useState<Result<'quarantine.list'>>();
  const language = useWorkspace((s) => s.settings?.language ?? 'en');
  useEffect(() => {
    actions.quarantine().then(setKept, () => undefined);
  }, [actions]);

  useEffect(() => {
    if (!webhook) return;
    actions
      .webhookInfo()
      .then(setInfo, (e: unknown) =>
        setOutcome({ kind: 'error', text: e instanceof Error ? e.message : String(e) }),
      );
  }, [webhook, actions]);

  const run = async (work: () => Promise<Outcome>) => {
    setBusy(true);
    try {
      setOutcome(await work());
    } catch (e) {
      const text = e instanceof Error ? e.message : String(e);
      // Another system's webhook is there: the core left it alone; the user may replace it.
      setOutcome({
        kind:
          e instanceof SwitchboardError && e.words?.key === 'webhook.foreign' ? 'foreign' : 'error',
        text,
      });
    } finally {
      setBusy(false);
    }
  };
  const register = (replace: boolean) =>
    run(async () => {
      const done = await actions.register(replace);
      setInfo(await actions.webhookInfo());
      return { kind: 'ok', text: t('webhook.registered', { url: done.url }) };
    });

  return (
    <div
      className="dialog dialog-wide"
      role="dialog"
      aria-modal="true"
      aria-labelledby="account-title"
    >
      <h2 id="account-title">{account.label}</h2>
      <label className="choice">
        <input
          type="checkbox"
          checked={muted}
          onChange={(e) => {
            // Shown at once; the lines' own state follows from the core (and puts it back on failure).
            setMuted(e.target.checked);
            void actions.muteAll(e.target.checked).catch((error: unknown) => {
              setMuted(allMuted);
              setOutcome({
                kind: 'error',
                text: error instanceof Error ? error.message : String(error),
              });
            });
          }}
        />{' '}
        {t('account.muteAll')}
      </label>
      {webhook && (
        <section aria-labelledby="webhook-title">
          <h3 id="webhook-title">{t('webhook.title')}</h3>
          <p className="muted">{t('webhook.gapWarning')}</p>
          <dl className="webhook-urls">
            <dt>{t('webhook.public')}</dt>
            <dd data-testid="webhook-public">
              {info?.publicUrl ?? t('webhook.noPublic')}
              {info?.publicUrl && (
                <button
                  type="button"
                  className="link-button webhook-copy"
                  onClick={() =>
                    void navigator.clipboard
                      ?.writeText(info.publicUrl!)
                      .then(() => setOutcome({ kind: 'ok', text: t('webhook.copied') }))
                  }
                >
                  {t('webhook.copy')}
                </button>
              )}
            </dd>
            <dt>{t('webhook.local')}</dt>
            <dd data-testid="webhook-local">{info?.localUrl ?? t('webhook.notListening')}</dd>
            <dt>{t('webhook.atProvider')}</dt>
            <dd data-testid="webhook-registered">{info?.registered ?? t('webhook.none')}</dd>
          </dl>
          {outcome && (
            <p
              role={outcome.kind === 'ok' ? 'status' : 'alert'}
              className={outcome.kind === 'ok' ? 'webhook-ok' : 'form-error'}
            >
              {outcome.text}
            </p>
          )}
          <div className="dialog-actions">
            {outcome?.kind === 'foreign' ? (
              <button type="button" disabled={busy} onClick={() => void register(true)}>
                {t('webhook.replace')}
              </button>
            ) : (
              <button
                type="button"
                disabled={busy || !info?.publicUrl}
                onClick={() => void register(false)}
              >
                {t('webhook.register')}
              </button>
            )}
            <button
              type="button"
              className="secondary"
              disabled={busy || !info?.publicUrl}
              onClick={() =>
                void run(async () => ({
                  kind: 'ok',
                  text: t('webhook.testOk', { ms: (await actions.test()).ms }),
                }))
              }
            >
              {t('webhook.test')}
            </button>
            <button
              type="button"
              className="secondary"
              title={t('webhook.reissueHelp')}
              disabled={busy || !info?.publicUrl}
              onClick={() =>
                void run(async () => {
                  const done = await actions.reissue();
                  setInfo(await actions.webhookInfo());
                  return { kind: 'ok', text: t('webhook.reissued', { url: done.url }) };
                })
              }
            >
              {t('webhook.reissue')}
            </button>
          </div>
        </section>
      )}
      {kept && kept.total > 0 && (
        <section aria-labelledby="quarantine-title">
          <h3 id="quarantine-title">{t('quarantine.title', { count: kept.total })}</h3>
          <p className="muted">{t('quarantine.help')}</p>
          <ul className="quarantine-list">
            {kept.items.slice(0, 5).map((item) => (
              <li key={item.id}>
                <time dateTime={new Date(item.receivedAt).toISOString()}>
                  {new Date(item.receivedAt).toLocaleString(language)}
                </time>{' '}
                — {item.reason}
              </li>
            ))}
          </ul>
          <div className="dialog-actions">
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  const done = await actions.replayQuarantine();
                  setKept(await actions.quarantine());
                  return {
                    kind: 'ok',
                    text: t('quarantine.replayed', { applied: done.applied, kept: done.kept }),
                  };
                })
              }
            >
              {t('quarantine.replay')}
            </button>
          </div>
        </section>
      )}
      <section className="danger-zone">
        {confirmRemove ? (
          <Confirm
            className=""
            question={t(account.demo ? 'account.removeDemoQuestion' : 'account.removeQuestion', {
              label: account.label,
            })}
            confirm={t('account.removeConfirm')}
            busy={busy}
            onConfirm={() =>
              void run(async () => (await actions.remove(), { kind: 'ok', text: '' }))
            }
            onCancel={() => setConfirmRemove(false)}
          />
        ) : (
          <button
            type="button"
            className="link-button danger-link"
            onClick={() => setConfirmRemove(true)}
          >
            {t('account.remove')}
          </button>
        )}
      </section>
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={actions.onClose}>
          {t('login.close')}
        </button>
      </div>
    </div>
  );
}
