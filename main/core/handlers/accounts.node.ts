import { SwitchboardError } from '../../../shared/ipc/errors.std.ts';
import { words } from '../../../shared/words/coreWords.std.ts';
import type { Core } from '../core.node.ts';
import type { DomainHandlers } from './handlerTypes.node.ts';
import { detailOf } from './lookups.node.ts';

/** Accounts and their lines: listing, adding, changing, removing, muting. */
export const accountHandlers = (
  core: Core,
): DomainHandlers<
  | 'providers.list'
  | 'accounts.list'
  | 'accounts.add'
  | 'accounts.update'
  | 'accounts.remove'
  | 'accounts.workspace'
  | 'lines.add'
  | 'lines.setMuted'
> => ({
  'providers.list': () => core.registry.descriptors(),
  'accounts.list': () => core.accounts.list(),
  'accounts.add': (input) => core.accounts.add(input),
  'accounts.update': ({ id, ...change }) => core.accounts.update(id, change),
  'accounts.remove': async ({ id }) => {
    core.accounts.require(id);
    await core.accounts.remove([id]);
    return { ok: true };
  },
  'accounts.workspace': ({ accountId }) => {
    core.accounts.require(accountId);
    return core.cache.accounts.workspaceOf(accountId);
  },
  'lines.add': async ({ accountId }) => {
    core.accounts.require(accountId);
    const connection = core.connections.connection(accountId);
    if (!connection?.addLine)
      throw new SwitchboardError('unavailable', words('line.addedInConsole'));
    await connection.addLine().catch((error: unknown) => {
      throw new SwitchboardError('provider', detailOf(error));
    });
    return { ok: true };
  },
  'lines.setMuted': ({ lineId, muted }) => {
    if (!core.cache.accounts.setMuted(lineId, muted))
      throw new SwitchboardError('not_found', words('line.gone'));
    core.accounts.announce();
    return { ok: true };
  },
});
