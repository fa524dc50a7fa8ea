import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { LoginState, LoginStep } from '../../../shared/model/login.std.ts';
import { useT } from '../i18n/i18n.dom.ts';
import type { MessageKey } from '../../../shared/i18n/catalog.std.ts';

export interface PhoneLoginProps {
  state: Extract<LoginState, { state: 'phone' | 'code' | 'password' }>;
  /** Resolves once the core answered; the next state arrives through `state`. */
  onSubmit(step: LoginStep): Promise<void>;
}

/** What the form checks before asking the provider; the provider's own refusal comes back as `state.error`. */
export function validateStep(
  kind: 'phone' | 'code' | 'password',
  value: string,
): MessageKey | null {
  if (kind === 'phone') {
    const digits = value.replace(/[\s()+-]/g, '');
    if (!/^\d+$/.test(digits)) return 'login.phoneDigits';
    return digits.length >= 10 && digits.length <= 15 ? null : 'login.phoneLength';
  }
  if (kind === 'code') return /^\d{3,8}$/.test(value.trim()) ? null : 'login.codeFormat';
  return value.length > 0 ? null : 'login.passwordEmpty';
}

/**
 * Telegram-style sign-in: phone number, then the code Telegram (or MAX) sends, then the
 * cloud password when one is set. Each step checks its input first and shows the
 * provider's refusal (a wrong code) on the field, in words.
 */
export function PhoneLogin({ state, onSubmit }: PhoneLoginProps) {
  const t = useT();
  const kind = state.state;
  const [value, setValue] = useState('');
  const [local, setLocal] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);
  // The number typed at the phone step: not every provider says where the code went.
  const [sentTo, setSentTo] = useState('');
  const input = useRef<HTMLInputElement>(null);

  // A new step starts empty and focused; the same step after a refusal keeps the text to fix.
  useEffect(() => {
    setValue('');
    setLocal(null);
    input.current?.focus();
  }, [kind]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = validateStep(kind, value);
    setLocal(problem);
    if (problem) return;
    setBusy(true);
    if (kind === 'phone') setSentTo(value.trim());
    try {
      await onSubmit(
        kind === 'phone'
          ? { step: 'phone', phone: value.trim() }
          : kind === 'code'
            ? { step: 'code', code: value.trim() }
            : { step: 'password', password: value },
      );
    } finally {
      setBusy(false);
    }
  };

  const error = local ? t(local) : state.error;
  const id = `login-${kind}`;
  return (
    <form className="phone-login" onSubmit={(e) => void submit(e)} noValidate>
      <p className="muted">
        {kind === 'phone'
          ? t('login.phoneHelp')
          : kind === 'code'
            ? (state.state === 'code' && state.phone) || sentTo
              ? t('login.codeHelp', {
                  phone: (state.state === 'code' && state.phone) || sentTo,
                })
              : t('login.codeHelpNoPhone')
            : t('login.passwordHelp')}
      </p>
      <label htmlFor={id}>{t(`login.${kind}Label`)}</label>
      <input
        id={id}
        ref={input}
        type={kind === 'password' ? 'password' : 'text'}
        inputMode={kind === 'password' ? undefined : kind === 'phone' ? 'tel' : 'numeric'}
        autoComplete={
          kind === 'phone' ? 'tel' : kind === 'code' ? 'one-time-code' : 'current-password'
        }
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        disabled={busy}
      />
      {error && (
        <p id={`${id}-error`} role="alert" className="field-error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? t('login.checking') : t('login.next')}
      </button>
    </form>
  );
}
