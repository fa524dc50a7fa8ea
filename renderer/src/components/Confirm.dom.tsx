import { useId } from 'react';
import { useT } from '../i18n/i18n.dom.ts';

/** A question before something that cannot be undone (sign out, remove, delete for everyone). */
export function Confirm({
  question,
  confirm,
  onConfirm,
  onCancel,
  busy = false,
  className = 'confirm',
}: {
  question: string;
  confirm: string;
  onConfirm(): void;
  onCancel(): void;
  busy?: boolean;
  className?: string;
}) {
  const t = useT();
  const id = useId();
  return (
    <div role="alertdialog" aria-labelledby={id} className={className}>
      <p id={id}>{question}</p>
      <div className="dialog-actions">
        <button type="button" className="danger" disabled={busy} onClick={onConfirm}>
          {confirm}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('login.cancel')}
        </button>
      </div>
    </div>
  );
}
