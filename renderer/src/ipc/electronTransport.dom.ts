import type { PreloadApi } from '../../../shared/ipc/preloadApi.std.ts';
import type { Transport } from './transport.dom.ts';
import { readBase64 } from './fileContent.dom.ts';

/** The contract over Electron IPC, through the preload's allow-listed API. */
export function createElectronTransport(api: PreloadApi): Transport {
  return {
    invoke: (method, params) => api.invoke(method, params),
    onEvent: (listener) => api.onEvent(listener),
    // Served by the shell's app:// handler beside the page.
    mediaUrl: (name) => `/media/${encodeURIComponent(name)}`,
    // IPC has no frame limit, and the shell's main thread never parses it: inline is fine.
    fileContent: async (file) => ({ dataBase64: await readBase64(file) }),
    onStatus(listener) {
      listener('open');
      return () => undefined;
    },
  };
}
