import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import type { LoginState, LoginStep } from '../../../shared/model/login.std.ts';
import { useSay, useT } from '../i18n/i18n.dom.ts';
import { PhoneLogin } from './PhoneLogin.dom.tsx';
import { useEscape } from './useEscape.dom.ts';
import { Confirm } from './Confirm.dom.tsx';
import { useNow } from './useNow.dom.ts';

export interface LoginDialogProps {
  title: string;
  state: LoginState;
  /** How this line signs in: a QR to scan (WhatsApp) or phone → code → password (Telegram, MAX). */
  method: 'qr' | 'phone';
  demo: boolean;
  onStart(): void;
  onSubmit(step: LoginStep): Promise<void>;
  onCancel(): void;
  onSimulateScan(): void;
  onClose(): void;
  onLogout?(): void;
}

/**
 * Signing a line in: the QR as it arrives (rendered locally from a raw string), or the
 * phone, code and password steps; progress, errors in words, and cancel at every step.
 */
export function LoginDialog({
  title,
  state,
  method,
  demo,
  onStart,
  onSubmit,
  onCancel,
  onSimulateScan,
  onClose,
  onLogout,
}: LoginDialogProps) {
  const t = useT();
  const sayCore = useSay();
  useEscape(onClose);
  const [image, setImage] = useState<string>();
  const [confirmLogout, setConfirmLogout] = useState(false);

  useEffect(() => {
    let live = true;
    if (state.state !== 'qr') return setImage(undefined);
    if (state.qr.kind === 'image') return setImage(state.qr.dataUrl);
    QRCode.toDataURL(state.qr.value, { width: 264, margin: 1 }).then(
      (url) => live && setImage(url),
      () => live && setImage(undefined),
    );
    return () => {
      live = false;
    };
  }, [state]);

  return (
    <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="qr-title">
      <h2 id="qr-title">{t('login.qrTitle', { line: title })}</h2>
      {state.state === 'qr' && (
        <>
          <ol className="muted">
            <li>{t('login.qrStep1')}</li>
            <li>{t('login.qrStep2')}</li>
          </ol>
          {image ? (
            <img
              className={`qr${state.scanning ? ' qr-scanning' : ''}`}
              src={image}
              alt={t('login.qrAlt')}
              width={264}
              height={264}
            />
          ) : (
            <div className="qr qr-placeholder" />
          )}
          {state.scanning ? (
            <p role="status" className="qr-timer">
              {t('login.qrScanning')}
            </p>
          ) : (
            <QrCountdown expiresAt={state.expiresAt} />
          )}
        </>
      )}
      {(state.state === 'phone' || state.state === 'code' || state.state === 'password') && (
        <PhoneLogin state={state} onSubmit={onSubmit} />
      )}
      {state.state === 'connecting' && (
        <p role="status">
          {state.detail ? sayCore(state.words, state.detail) : t('login.connecting')}
        </p>
      )}
      {state.state === 'authorized' && (
        <p role="status">{t('login.done', { phone: state.phone ?? '' })}</p>
      )}
      {state.state === 'error' && <p role="alert">{sayCore(state.words, state.reason)}</p>}
      {(state.state === 'logged_out' || state.state === 'unknown') && (
        <p>
          {state.state === 'logged_out' && state.reason
            ? sayCore(state.words, state.reason)
            : t('login.signedOut')}
        </p>
      )}
      <div className="dialog-actions">
        {(state.state === 'logged_out' || state.state === 'unknown' || state.state === 'error') && (
          <button type="button" onClick={onStart}>
            {method === 'qr' ? t('login.start') : t('login.startPhone')}
          </button>
        )}
        {demo && state.state === 'qr' && (
          <button type="button" onClick={onSimulateScan}>
            {t('login.simulateScan')}
          </button>
        )}
        {['qr', 'connecting', 'phone', 'code', 'password'].includes(state.state) && (
          <button type="button" className="secondary" onClick={onCancel}>
            {t('login.cancel')}
          </button>
        )}
        {state.state === 'authorized' && onLogout && !confirmLogout && (
          <button type="button" className="secondary" onClick={() => setConfirmLogout(true)}>
            {t('login.logout')}
          </button>
        )}
        <button type="button" className="secondary" onClick={onClose}>
          {t('login.close')}
        </button>
      </div>
      {confirmLogout && state.state === 'authorized' && (
        <Confirm
          question={t('login.logoutQuestion', { line: title })}
          confirm={t('login.logoutConfirm')}
          onConfirm={() => {
            setConfirmLogout(false);
            onLogout?.();
          }}
          onCancel={() => setConfirmLogout(false)}
        />
      )}
    </div>
  );
}

/** How long the code on screen stays valid, ticking; the provider sends the next one by itself. */
function QrCountdown({ expiresAt }: { expiresAt: number | undefined }) {
  const t = useT();
  const now = useNow(expiresAt !== undefined);
  if (expiresAt === undefined) return <p className="muted qr-timer">{t('login.qrRotates')}</p>;
  const seconds = Math.ceil((expiresAt - now) / 1000);
  return (
    <p className="muted qr-timer" role="timer" aria-live="off">
      {seconds > 0 ? t('login.qrRefreshIn', { seconds }) : t('login.qrRefreshing')}
    </p>
  );
}
