import { SwitchboardError } from '../../../shared/ipc/errors.std.ts';
import { words } from '../../../shared/words/coreWords.std.ts';
import type { Core } from '../core.node.ts';
import type { DomainHandlers } from './handlerTypes.node.ts';

/** Signing a line in (QR, phone and code) and out, through its provider's login driver. */
export const loginHandlers = (
  core: Core,
): DomainHandlers<'login.start' | 'login.submit' | 'login.cancel' | 'login.logout'> => {
  const driver = (lineId: string) => {
    const line = core.cache.accounts.line(lineId);
    if (!line) throw new SwitchboardError('not_found', words('line.gone'));
    const login = core.connections.connection(line.accountId)?.login;
    if (!login) throw new SwitchboardError('unavailable', words('line.signedInAtProvider'));
    return { login, line: line.providerLineId };
  };
  return {
    'login.start': ({ lineId, method }) => {
      const { login, line } = driver(lineId);
      if (!login.methods.includes(method))
        throw new SwitchboardError('invalid_request', words('login.methodUnsupported', { method }));
      return login.start(line, method);
    },
    'login.submit': ({ lineId, step }) => {
      const { login, line } = driver(lineId);
      return login.submit(line, step);
    },
    'login.cancel': ({ lineId }) => {
      const { login, line } = driver(lineId);
      return login.cancel(line);
    },
    'login.logout': ({ lineId }) => {
      const { login, line } = driver(lineId);
      return login.logout(line);
    },
  };
};
