import type { PreloadApi } from '../../../shared/ipc/preloadApi.std.ts';
import type { Transport } from './transport.dom.ts';

/** The contract over Electron IPC, through the preload's allow-listed API. */
export function createElectronTransport(api: PreloadApi): Transport {
  return {
    invoke: (method, params) => api.invoke(method, params),
    onEvent: (listener) => api.onEvent(listener),
    // Served by the shell's app:// handler beside the page.
    mediaUrl: (name) => `/media/${encodeURIComponent(name)}`,
    onStatus(listener) {
      listener('open');
      return () => undefined;
    },
  };
}
