import { dialog, safeStorage } from 'electron';
import Store from 'electron-store';
import { SafeSecretStore } from './secretStore.main.ts';

/**
 * Opens the secret store after `ready` (safeStorage needs it). With no keyring (Linux
 * `basic_text`) the user is told what that means and chooses; the choice is remembered.
 */
export function openSecretStore(): SafeSecretStore {
  const store = new Store<Record<string, unknown>>({ name: 'secrets' });
  const secrets = new SafeSecretStore(
    store,
    safeStorage,
    () => store.get('allowBasicText') === true,
    process.platform,
    (allow) => store.set('allowBasicText', allow),
  );
  // Unattended runs (the shell's own tests, kiosk installs) cannot answer a dialog: memory only, nothing remembered.
  if (process.env.SWITCHBOARD_NO_SECRET_PROMPT) return secrets;
  if (secrets.protection === 'basic_text' && store.get('allowBasicText') === undefined) {
    const choice = dialog.showMessageBoxSync({
      type: 'warning',
      title: 'No secure password storage',
      message:
        'This computer has no keyring (such as GNOME Keyring or KWallet) for Switchboard to lock account passwords and tokens in.',
      detail:
        'Stored anyway, they would be readable by anyone who can read your files. Kept in memory, accounts ask you to sign in again after each restart.',
      buttons: ['Keep in memory only', 'Store them anyway'],
      defaultId: 0,
      cancelId: 0,
    });
    store.set('allowBasicText', choice === 1);
  }
  return secrets;
}
