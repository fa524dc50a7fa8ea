import { useState, type FormEvent } from 'react';
import type { ProviderDescriptor } from '../../../shared/ipc/providers.std.ts';
import type { ProviderKind } from '../../../shared/model/ids.std.ts';
import { useT } from '../i18n/i18n.dom.ts';
import { useEscape } from './useEscape.dom.ts';

export interface AddAccountResult {
  error?: { message: string; issues?: { path: string; message: string }[] };
}

export interface AddAccountProps {
  providers: ProviderDescriptor[];
  onSubmit(
    provider: ProviderKind,
    label: string,
    config: Record<string, string>,
    secrets: Record<string, string>,
  ): Promise<AddAccountResult>;
  onClose(): void;
}

/** Pick a provider, then fill its form; the core checks the credentials before saving anything. */
export function AddAccountDialog({ providers, onSubmit, onClose }: AddAccountProps) {
  const t = useT();
  useEscape(onClose);
  const [provider, setProvider] = useState<ProviderDescriptor>();
  const [values, setValues] = useState<Record<string, string>>({});
  const [label, setLabel] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const pick = (descriptor: ProviderDescriptor) => {
    setProvider(descriptor);
    setValues(
      Object.fromEntries(
        descriptor.fields.filter((f) => f.default).map((f) => [f.key, f.default!]),
      ),
    );
    setLabel(descriptor.displayName);
    setErrors({});
    setFormError(undefined);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!provider) return;
    const missing = Object.fromEntries(
      provider.fields
        .filter((f) => f.required && !values[f.key]?.trim())
        .map((f) => [f.key, t('account.required')]),
    );
    if (!label.trim()) missing.label = t('account.required');
    setErrors(missing);
    if (Object.keys(missing).length) return;
    setBusy(true);
    const config = Object.fromEntries(
      provider.fields
        .filter((f) => !f.secret && values[f.key])
        .map((f) => [f.key, values[f.key]!.trim()]),
    );
    const secrets = Object.fromEntries(
      provider.fields.filter((f) => f.secret && values[f.key]).map((f) => [f.key, values[f.key]!]),
    );
    const result = await onSubmit(provider.kind, label.trim(), config, secrets);
    setBusy(false);
    if (!result.error) return onClose();
    const byField = Object.fromEntries(
      (result.error.issues ?? []).map((i) => [i.path.split('.').at(-1) ?? i.path, i.message]),
    );
    setErrors(byField);
    setFormError(result.error.message);
  };

  const renderField = (field: ProviderDescriptor['fields'][number]) =>
    field.kind === 'switch' && field.values ? (
      <Switch
        key={field.key}
        id={field.key}
        label={field.label}
        help={field.help}
        on={values[field.key] === field.values.on}
        onChange={(on) =>
          setValues((old) => ({ ...old, [field.key]: on ? field.values!.on : field.values!.off }))
        }
      />
    ) : (
      <Field
        key={field.key}
        id={field.key}
        label={field.label}
        help={field.help}
        type={
          field.kind === 'secret'
            ? 'password'
            : field.kind === 'email'
              ? 'email'
              : field.kind === 'url'
                ? 'url'
                : 'text'
        }
        value={values[field.key] ?? ''}
        required={field.required}
        error={errors[field.key]}
        onChange={(v) => setValues((old) => ({ ...old, [field.key]: v }))}
      />
    );

  return (
    <div className="dialog dialog-wide" role="dialog" aria-modal="true" aria-labelledby="add-title">
      <h2 id="add-title">
        {provider ? t('account.addTo', { provider: provider.displayName }) : t('account.add')}
      </h2>
      {!provider ? (
        <ul className="provider-list" role="list">
          {providers.map((p) => (
            <li key={p.kind}>
              <button type="button" className="provider-button" onClick={() => pick(p)}>
                <strong>{p.displayName}</strong>
                <span className="muted">
                  {p.realtime === 'webhook'
                    ? t('account.webhookOnly')
                    : p.capabilities.history
                      ? t('account.withHistory')
                      : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Field
            id="label"
            label={t('account.label')}
            value={label}
            error={errors.label}
            onChange={setLabel}
            autoFocus
          />
          {provider.fields
            .filter((f) => f.default === undefined)
            .map((field) => renderField(field))}
          {provider.fields.some((f) => f.default !== undefined) && (
            <details
              className="advanced"
              open={provider.fields.some(
                (f) => f.default !== undefined && errors[f.key] !== undefined,
              )}
            >
              <summary>{t('account.advanced')}</summary>
              {provider.fields
                .filter((f) => f.default !== undefined)
                .map((field) => renderField(field))}
            </details>
          )}
          {formError && (
            <p className="form-error" role="alert">
              {formError}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" className="secondary" onClick={() => setProvider(undefined)}>
              {t('account.back')}
            </button>
            <button type="submit" disabled={busy}>
              {busy ? t('account.checking') : t('account.save')}
            </button>
          </div>
        </form>
      )}
      {!provider && (
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={onClose}>
            {t('login.close')}
          </button>
        </div>
      )}
    </div>
  );
}

function Field(props: {
  id: string;
  label: string;
  help?: string | undefined;
  type?: string;
  value: string;
  required?: boolean;
  error: string | undefined;
  autoFocus?: boolean;
  onChange(v: string): void;
}) {
  const inputId = `field-${props.id}`;
  return (
    <div className="field">
      <label htmlFor={inputId}>
        {props.label}
        {props.required && ' *'}
      </label>
      <input
        id={inputId}
        type={props.type ?? 'text'}
        value={props.value}
        autoComplete={props.type === 'password' ? 'new-password' : 'off'}
        autoFocus={props.autoFocus}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={
          props.error ? `${inputId}-error` : props.help ? `${inputId}-help` : undefined
        }
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.error ? (
        <div id={`${inputId}-error`} className="field-error">
          {props.error}
        </div>
      ) : (
        props.help && (
          <div id={`${inputId}-help`} className="muted field-help">
            {props.help}
          </div>
        )
      )}
    </div>
  );
}

/** A yes/no setting as a switch, not a text box holding "true" or "no". */
function Switch(props: {
  id: string;
  label: string;
  help: string | undefined;
  on: boolean;
  onChange(on: boolean): void;
}) {
  const inputId = `field-${props.id}`;
  return (
    <div className="field field-switch">
      <label htmlFor={inputId} className="switch">
        <input
          id={inputId}
          type="checkbox"
          role="switch"
          checked={props.on}
          aria-checked={props.on}
          aria-describedby={props.help ? `${inputId}-help` : undefined}
          onChange={(e) => props.onChange(e.target.checked)}
        />
        <span className="switch-track" aria-hidden="true" />
        {props.label}
      </label>
      {props.help && (
        <div id={`${inputId}-help`} className="muted field-help">
          {props.help}
        </div>
      )}
    </div>
  );
}
