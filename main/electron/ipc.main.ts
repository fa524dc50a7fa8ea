import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../shared/ipc/preloadApi.std.ts';
import type { Reply } from '../../shared/ipc/wire.std.ts';
import type { CoreEndpoint } from '../core/endpoint.node.ts';
import { isTrustedSender } from './senderCheck.main.ts';

/** Carries the contract over Electron IPC; the core validates params as it does for the bridge. */
export function registerIpc(
  ipcMain: IpcMain,
  core: CoreEndpoint,
  rendererUrl: string,
  windows: () => WebContents[],
): () => void {
  ipcMain.handle(
    INVOKE_CHANNEL,
    async (event: IpcMainInvokeEvent, method: unknown, params: unknown): Promise<Reply> => {
      if (
        !isTrustedSender(event.senderFrame?.url, rendererUrl) ||
        event.senderFrame !== event.sender.mainFrame
      ) {
        return {
          ok: false,
          error: {
            code: 'invalid_request',
            message: 'Refused: this request did not come from Switchboard’s window.',
          },
        };
      }
      return core.handle(method, params);
    },
  );
  const off = core.on((event, payload) => {
    for (const contents of windows())
      if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, event, payload);
  });
  return () => {
    off();
    ipcMain.removeHandler(INVOKE_CHANNEL);
  };
}
