import { useState } from 'react';
import type { Settings } from '../../../shared/model/settings.std.ts';
import { useT } from '../i18n/i18n.dom.ts';
import type { MessageKey } from '../../../shared/i18n/catalog.std.ts';

type Webhook = Settings['webhook'];

/** Field problems, as i18n keys: empty when the receiver settings can be applied. */
export function webhookProblems(w: {
  bindAddress: string;
  port: string;
  publicBaseUrl: string;
}): Partial<Record<keyof Webhook, MessageKey>> {
  const problems: Partial<Record<keyof Webhook, MessageKey>> = {};
  if (!/^(\d{1,3}\.){3}\d{1,3}$|^::1?$|^[0-9a-f:]+$/i.test(w.bindAddress.trim()))
    problems.bindAddress = 'settings.badBind';
  const port = Number(w.port);
  if (!/^\d+$/.test(w.port.trim()) || port > 65535) problems.port = 'settings.badPort';
  if (w.publicBaseUrl.trim()) {
    try {
      if (!/^https?:$/.test(new URL(w.publicBaseUrl.trim()).protocol))
        problems.publicBaseUrl = 'settings.badUrl';
    } catch {
      problems.publicBaseUrl = 'settings.badUrl';
    }
  }
  return problems;
}

/** Where webhook providers reach Switchboard: the local receiver and the public address in front of it. */
export function WebhookSettings({
  webhook,
  onApply,
}: {
  webhook: Webhook;
  onApply(webhook: Webhook): Promise<void>;
}) {
  const t = useT();
  const [form, setForm] = useState({
    bindAddress: webhook.bindAddress,
    port: String(webhook.port),
    publicBaseUrl: webhook.publicBaseUrl,
  });
  const [shown, setShown] = useState(false);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const problems = webhookProblems(form);
  const field = (key: keyof Webhook, label: MessageKey, help?: MessageKey) => (
    <div className="field">
      <label htmlFor={`webhook-${key}`}>{t(label)}</label>
      <input
        id={`webhook-${key}`}
        value={form[key]}
        aria-invalid={shown && problems[key] ? 'true' : undefined}
        aria-describedby={`webhook-${key}-note`}
        onChange={(e) => (setForm({ ...form, [key]: e.target.value }), setSaved(false))}
      />
      <span
        id={`webhook-${key}-note`}
        className={shown && problems[key] ? 'field-error' : 'field-help muted'}
      >
        {shown && problems[key] ? t(problems[key]) : help ? t(help) : ''}
      </span>
    </div>
  );
  const apply = async () => {
    setShown(true);
    if (Object.keys(problems).length) return;
    try {
      await onApply({
        bindAddress: form.bindAddress.trim(),
        port: Number(form.port),
        publicBaseUrl: form.publicBaseUrl.trim().replace(/\/+$/, ''),
      });
      setError(undefined);
      setSaved(true);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <fieldset>
      <legend>{t('settings.webhooks')}</legend>
      {field('publicBaseUrl', 'settings.webhookPublic', 'settings.webhookPublicHelp')}
      {field('bindAddress', 'settings.webhookBind')}
      {field('port', 'settings.webhookPort')}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={() => void apply()}>
          {saved ? '✓ ' : ''}
          {t('settings.webhookSave')}
        </button>
      </div>
    </fieldset>
  );
}
