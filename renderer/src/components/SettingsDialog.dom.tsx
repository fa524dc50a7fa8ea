import {
  doNotDisturb,
  type SecretStorage,
  type Settings,
  type SettingsPatch,
} from '../../../shared/model/settings.std.ts';
import { useT } from '../i18n/i18n.dom.ts';
import { useEscape } from './useEscape.dom.ts';
import { ShortcutList } from './shortcuts.dom.tsx';
import { WebhookSettings } from './WebhookSettings.dom.tsx';
import { useState } from 'react';

/** Theme, language, notifications and do-not-disturb; every change is saved by the core at once. */
/** `desktop`: running inside the Electron shell, where the tray and login items exist. */
interface SettingsProps {
  settings: Settings;
  desktop?: boolean;
  /** Where account secrets are kept, and whether the user may choose (no keyring). */
  secrets?: SecretStorage;
  /** Where the core writes its log, so "the details are in the log" says where. */
  logFile?: string | null;
  onStoreWithoutKeyring?: (allow: boolean) => void;
  onChange(patch: SettingsPatch): void;
  onApplyWebhook?: (webhook: Settings['webhook']) => Promise<void>;
  /** Browser mode: ask the browser to allow notifications; resolves to its answer. */
  onAllowBrowserNotifications?: () => Promise<NotificationPermission>;
  onClose(): void;
}

export function SettingsDialog({
  settings,
  desktop = false,
  secrets,
  logFile,
  onStoreWithoutKeyring,
  onChange,
  onApplyWebhook,
  onAllowBrowserNotifications,
  onClose,
}: SettingsProps) {
  const t = useT();
  useEscape(onClose);
  const n = settings.notifications;
  const dndOn = settings.doNotDisturbUntil > Date.now();
  return (
    <div
      className="dialog dialog-wide"
      role="dialog"
      aria-modal="true"
      aria-labelledby="settings-title"
    >
      <h2 id="settings-title">{t('settings.title')}</h2>
      <fieldset>
        <legend>{t('settings.theme')}</legend>
        {(['system', 'light', 'dark'] as const).map((theme) => (
          <label key={theme} className="choice">
            <input
              type="radio"
              name="theme"
              checked={settings.theme === theme}
              onChange={() => onChange({ theme })}
            />{' '}
            {t(`settings.theme.${theme}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="settings-language">{t('settings.language')}</label>
        <select
          id="settings-language"
          value={settings.language}
          onChange={(e) => onChange({ language: e.target.value as Settings['language'] })}
        >
          <option value="en">English</option>
          <option value="ru">Русский</option>
        </select>
      </div>
      <fieldset>
        <legend>{t('settings.notifications')}</legend>
        <label className="choice">
          <input
            type="checkbox"
            checked={n.enabled}
            onChange={(e) => onChange({ notifications: { ...n, enabled: e.target.checked } })}
          />{' '}
          {t('settings.notify')}
        </label>
        <label className="choice">
          <input
            type="checkbox"
            checked={n.sound}
            disabled={!n.enabled}
            onChange={(e) => onChange({ notifications: { ...n, sound: e.target.checked } })}
          />{' '}
          {t('settings.sound')}
        </label>
        <label className="choice">
          <input
            type="checkbox"
            checked={n.showPreview}
            disabled={!n.enabled}
            onChange={(e) => onChange({ notifications: { ...n, showPreview: e.target.checked } })}
          />{' '}
          {t('settings.preview')}
        </label>
        {!desktop && onAllowBrowserNotifications && (
          <BrowserNotifications ask={onAllowBrowserNotifications} />
        )}
        <div className="dialog-actions dnd">
          {dndOn ? (
            <button
              type="button"
              className="secondary"
              onClick={() => onChange({ doNotDisturbUntil: 0 })}
            >
              {t('settings.dndOff', {
                time: new Date(settings.doNotDisturbUntil).toLocaleTimeString(settings.language, {
                  hour: '2-digit',
                  minute: '2-digit',
                }),
              })}
            </button>
          ) : (
            <>
              <button
                type="button"
                className="secondary"
                onClick={() => onChange({ doNotDisturbUntil: doNotDisturb.forAnHour(Date.now()) })}
              >
                {t('settings.dndHour')}
              </button>
              <button
                type="button"
                className="secondary"
                onClick={() =>
                  onChange({ doNotDisturbUntil: doNotDisturb.untilTomorrow(Date.now()) })
                }
              >
                {t('settings.dndTomorrow')}
              </button>
            </>
          )}
        </div>
      </fieldset>
      {desktop && (
        <fieldset>
          <legend>{t('settings.desktop')}</legend>
          <label className="choice">
            <input
              type="checkbox"
              checked={settings.closeToTray}
              onChange={(e) => onChange({ closeToTray: e.target.checked })}
            />{' '}
            {t('settings.closeToTray')}
          </label>
          <label className="choice">
            <input
              type="checkbox"
              checked={settings.startAtLogin}
              onChange={(e) => onChange({ startAtLogin: e.target.checked })}
            />{' '}
            {t('settings.startAtLogin')}
          </label>
          {secrets && (
            <>
              <p className="muted settings-secrets" data-testid="secret-storage">
                {t(`settings.secrets.${secrets.where}`)}
              </p>
              {secrets.choosable && (
                <label className="choice">
                  <input
                    type="checkbox"
                    checked={secrets.where === 'weak'}
                    onChange={(e) => onStoreWithoutKeyring?.(e.target.checked)}
                  />{' '}
                  {t('settings.secrets.storeAnyway')}
                </label>
              )}
            </>
          )}
        </fieldset>
      )}
      {onApplyWebhook && <WebhookSettings webhook={settings.webhook} onApply={onApplyWebhook} />}
      <fieldset>
        <legend>{t('shortcuts.title')}</legend>
        <ShortcutList />
      </fieldset>
      {logFile && (
        <p className="muted settings-log" data-testid="log-file">
          {t('settings.logFile')} <code>{logFile}</code>
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('login.close')}
        </button>
      </div>
    </div>
  );
}

/** In a browser tab, notifications need the browser's permission first. */
function BrowserNotifications({ ask }: { ask: () => Promise<NotificationPermission> }) {
  const t = useT();
  const [permission, setPermission] = useState<NotificationPermission>(() =>
    typeof Notification === 'undefined' ? 'denied' : Notification.permission,
  );
  if (permission === 'granted')
    return <p className="muted">{t('settings.browserNotificationsOn')}</p>;
  if (permission === 'denied')
    return <p className="muted">{t('settings.browserNotificationsBlocked')}</p>;
  return (
    <button type="button" className="secondary" onClick={() => void ask().then(setPermission)}>
      {t('settings.browserNotificationsAllow')}
    </button>
  );
}
