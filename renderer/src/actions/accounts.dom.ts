import type { ProviderKind } from '../../../shared/model/ids.std.ts';
import { SwitchboardError } from '../../../shared/ipc/errors.std.ts';
import type { CoreClient } from '../ipc/client.dom.ts';
import type { AccountActions } from '../components/AccountDialog.dom.tsx';
import { useWorkspace } from '../store/workspace.dom.ts';

/** The account dialog's requests for one account; `closed` runs once it is removed. */
export function accountDialogActions(
  client: CoreClient,
  accountId: string,
  closed: () => void,
): AccountActions {
  return {
    webhookInfo: () => client.call('webhooks.info', { accountId }),
    register: (replaceForeign) => client.call('webhooks.register', { accountId, replaceForeign }),
    reissue: () => client.call('webhooks.reissue', { accountId }),
    test: () => client.call('webhooks.test', { accountId }),
    quarantine: () => client.call('quarantine.list', { accountId, limit: 20 }),
    replayQuarantine: () => client.call('quarantine.replay', { accountId }),
    remove: async () => {
      await client.call('accounts.remove', { id: accountId });
      closed();
    },
    muteAll: async (muted) => {
      const lines = useWorkspace
        .getState()
        .lines.filter((l) => l.accountId === accountId && l.muted !== muted);
      await Promise.all(lines.map((l) => client.call('lines.setMuted', { lineId: l.id, muted })));
    },
    onClose: closed,
  };
}

/** Whether an account's provider is fed by webhooks (its dialog then shows the webhook section). */
export async function isWebhookAccount(client: CoreClient, accountId: string): Promise<boolean> {
  const kind = useWorkspace.getState().accounts.find((a) => a.id === accountId)?.provider;
  return (await client.call('providers.list', {})).some(
    (p) => p.realtime === 'webhook' && p.kind === kind,
  );
}

/** Adds an account; a refusal comes back as words for the form, on the field it is about. */
export async function addAccount(
  client: CoreClient,
  input: {
    provider: ProviderKind;
    label: string;
    config: Record<string, string>;
    secrets: Record<string, string>;
  },
): Promise<{ error?: { message: string; issues?: { path: string; message: string }[] } }> {
  try {
    await client.call('accounts.add', input);
    return {};
  } catch (error) {
    if (error instanceof SwitchboardError)
      return {
        error: { message: error.message, ...(error.issues ? { issues: error.issues } : {}) },
      };
    return { error: { message: String(error) } };
  }
}

export const lineActions = (client: CoreClient) => ({
  setMuted: (lineId: string, muted: boolean) => client.call('lines.setMuted', { lineId, muted }),
  removeDemo: () => client.call('demo.remove', {}),
});
