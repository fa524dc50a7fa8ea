import type { Line } from '../../../shared/model/entities.std.ts';
import { loginMethodOf, type LoginStep } from '../../../shared/model/login.std.ts';
import type { CoreClient } from '../ipc/client.dom.ts';

/** Signing one line in and out. */
export const loginActions = (client: CoreClient, line: Pick<Line, 'id' | 'messenger'>) => ({
  start: () =>
    client.call('login.start', { lineId: line.id, method: loginMethodOf(line.messenger) }),
  submit: (step: LoginStep) => client.call('login.submit', { lineId: line.id, step }),
  cancel: () => client.call('login.cancel', { lineId: line.id }),
  simulateScan: () => client.call('demo.simulateScan', { lineId: line.id }),
  logout: () => client.call('login.logout', { lineId: line.id }),
});
