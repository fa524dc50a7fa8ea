import { SwitchboardError } from '../../../shared/ipc/errors.std.ts';
import { words } from '../../../shared/words/coreWords.std.ts';
import type { Core } from '../core.node.ts';
import type { DomainHandlers } from './handlerTypes.node.ts';

/** The demo workspace: a simulated QR scan, and taking the demo away. */
export const demoHandlers = (core: Core): DomainHandlers<'demo.simulateScan' | 'demo.remove'> => ({
  'demo.simulateScan': async ({ lineId }) => {
    if (!core.demo) throw new SwitchboardError('not_found', words('demo.notRunning'));
    await core.demo.simulateScan(lineId).catch(() => {
      throw new SwitchboardError('invalid_request', words('demo.notDemoLine'));
    });
    return { ok: true };
  },
  'demo.remove': async () => {
    const demo = core.demo;
    core.demo = undefined;
    const ids = core.cache.accounts
      .list()
      .filter((a) => a.demo)
      .map((a) => a.id);
    await core.accounts.remove(ids);
    await demo?.stop();
    return { ok: true };
  },
});
