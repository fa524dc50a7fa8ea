import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isMethodName } from '../shared/ipc/contract.std.ts';
import {
  EVENT_CHANNEL,
  INVOKE_CHANNEL,
  PRELOAD_KEY,
  type PreloadApi,
} from '../shared/ipc/preloadApi.std.ts';
import type { Reply } from '../shared/ipc/wire.std.ts';

/** The allow-list: the contract's method names, one channel in, one channel out. Nothing else. */
const api: PreloadApi = {
  invoke(method, params) {
    if (!isMethodName(method)) {
      return Promise.resolve<Reply>({
        ok: false,
        error: { code: 'unknown_method', message: `Unknown request "${String(method)}".` },
      });
    }
    return ipcRenderer.invoke(INVOKE_CHANNEL, method, params) as Promise<Reply>;
  },
  onEvent(listener) {
    const handler = (_event: IpcRendererEvent, name: string, payload: unknown) =>
      listener(name, payload);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld(PRELOAD_KEY, api);
