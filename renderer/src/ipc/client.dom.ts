import {
  events,
  isEventName,
  methods,
  type EventName,
  type EventPayload,
  type MethodName,
  type Params,
  type Result,
} from '../../../shared/ipc/contract.std.ts';
import { SwitchboardError } from '../../../shared/ipc/errors.std.ts';
import { say, type Language, type Words } from '../../../shared/words/coreWords.std.ts';
import { PRELOAD_KEY, type PreloadApi } from '../../../shared/ipc/preloadApi.std.ts';
import type { ConnectionStatus, Transport } from './transport.dom.ts';
import { createElectronTransport } from './electronTransport.dom.ts';
import { createWsTransport } from './wsTransport.dom.ts';

/**
 * The renderer's only door to the core. Replies and events are validated here, where
 * they enter the renderer; a malformed one is reported, never trusted.
 */
export class CoreClient {
  constructor(private readonly transport: Transport) {}

  /** The user's language, for the core's words (set from Settings). */
  language: Language = 'en';

  async call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>> {
    const reply = await this.transport.invoke(method, params);
    if (!reply.ok) {
      const { code, message, issues, words } = reply.error;
      const said = words ? say(words, this.language) : null;
      if (!said || !words) throw new SwitchboardError(code, message, issues);
      // A field issue that repeats the message (a refused password) is said the same way.
      throw new SwitchboardError(
        code,
        said,
        issues?.map((issue) => (issue.message === message ? { ...issue, message: said } : issue)),
        words as Words,
      );
    }
    const parsed = methods[method].result.safeParse(reply.result);
    if (!parsed.success)
      throw new SwitchboardError('internal', `The core sent an unexpected ${method} reply.`);
    return parsed.data as Result<M>;
  }

  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.transport.onEvent((event, payload) => {
      if (event !== name || !isEventName(event)) return;
      const parsed = events[name].safeParse(payload);
      if (parsed.success) listener(parsed.data as EventPayload<E>);
      else console.warn(`Ignored a malformed ${event} event`, parsed.error.issues);
    });
  }

  /**
   * Whether the core can be reached: the transport's own state, and the host's word when the
   * core's process ended and is being started again (`core.status`). Each change is said
   * once; 'open' after a restart makes the page reload what it shows.
   */
  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    let transport: ConnectionStatus = 'connecting';
    let coreRestarting = false;
    let said: ConnectionStatus | undefined;
    const say = () => {
      const status = transport === 'open' && coreRestarting ? 'closed' : transport;
      if (status !== said) listener((said = status));
    };
    const offCore = this.on('core.status', ({ state }) => {
      coreRestarting = state === 'restarting';
      say();
    });
    const offTransport = this.transport.onStatus((status) => {
      transport = status;
      // A new connection reaches whatever core is up now.
      if (status !== 'open') coreRestarting = false;
      say();
    });
    return () => {
      offCore();
      offTransport();
    };
  }

  /** A file for a send, carried as the transport carries files (an upload in browser mode). */
  fileContent(file: File): Promise<{ dataBase64: string } | { uploadId: string }> {
    return this.transport.fileContent(file);
  }

  /** Where the page loads a media file the core copied locally (`Media.localPath`). */
  mediaUrl(localPath: string): string | undefined {
    const name = localPath.split(/[\\/]/).pop();
    return name ? this.transport.mediaUrl(name) : undefined;
  }
}

/** Whether this page can reach a core: the desktop shell's preload, or a bridge token (in the address or this tab). */
export function hasCoreAddress(): boolean {
  if ((window as unknown as Record<string, unknown>)[PRELOAD_KEY]) return true;
  return Boolean(
    new URLSearchParams(window.location.hash.slice(1)).get('token') ??
    sessionStorage.getItem('switchboard.token'),
  );
}

/** Electron when the preload is there, else the headless core that served this page. */
export function connectToCore(): CoreClient {
  const api = (window as unknown as Record<string, PreloadApi | undefined>)[PRELOAD_KEY];
  if (api) return new CoreClient(createElectronTransport(api));
  const token =
    new URLSearchParams(window.location.hash.slice(1)).get('token') ??
    sessionStorage.getItem('switchboard.token') ??
    '';
  if (token) sessionStorage.setItem('switchboard.token', token);
  // Keep the token out of the address bar (screenshots, history); the tab keeps it.
  if (window.location.hash)
    history.replaceState(null, '', window.location.pathname + window.location.search);
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return new CoreClient(
    createWsTransport(
      `${protocol}//${window.location.host}/bridge?token=${encodeURIComponent(token)}`,
      token,
    ),
  );
}
