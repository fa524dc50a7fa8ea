import { EventFrame, ReplyFrame, type Reply } from '../../../shared/ipc/wire.std.ts';
import type { ConnectionStatus, Transport } from './transport.dom.ts';

const REQUEST_TIMEOUT_MS = 60_000;

/**
 * The contract over the headless core's WebSocket. Reconnects with backoff when the core
 * goes away; requests made while disconnected fail at once with "unavailable", so the UI
 * can keep showing what it has.
 */
export function createWsTransport(url: string, token = ''): Transport {
  let ws: WebSocket | undefined;
  let nextId = 1;
  let attempt = 0;
  const pending = new Map<number, { resolve: (reply: Reply) => void; timer: number }>();
  const eventListeners = new Set<(event: string, payload: unknown) => void>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  let status: ConnectionStatus = 'connecting';
  let opened: Promise<void>;

  const setStatus = (next: ConnectionStatus) => {
    status = next;
    for (const listener of statusListeners) listener(next);
  };

  const failAll = (message: string) => {
    for (const [id, request] of pending) {
      clearTimeout(request.timer);
      request.resolve({ ok: false, error: { code: 'unavailable', message } });
      pending.delete(id);
    }
  };

  const connect = () => {
    setStatus('connecting');
    const socket = new WebSocket(url);
    ws = socket;
    opened = new Promise((resolve, reject) => {
      socket.addEventListener('open', () => {
        attempt = 0;
        setStatus('open');
        resolve();
      });
      socket.addEventListener('close', () => reject(new Error('closed')));
    });
    opened.catch(() => undefined);
    socket.addEventListener('message', (message) => onFrame(String(message.data)));
    socket.addEventListener('close', () => {
      setStatus('closed');
      failAll('Switchboard’s core is not reachable right now.');
      attempt += 1;
      window.setTimeout(connect, Math.min(10_000, 500 * 2 ** Math.min(attempt, 5)));
    });
  };

  const onFrame = (text: string) => {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return;
    }
    const reply = ReplyFrame.safeParse(data);
    if (reply.success) {
      const request = pending.get(reply.data.id);
      if (!request) return;
      pending.delete(reply.data.id);
      clearTimeout(request.timer);
      const { id: _id, ...rest } = reply.data;
      request.resolve(rest as Reply);
      return;
    }
    const event = EventFrame.safeParse(data);
    if (event.success)
      for (const listener of eventListeners) listener(event.data.event, event.data.payload);
  };

  connect();

  return {
    // The bridge's HTTP side serves the core's media copies; an <img> cannot send a header, so the token rides in the query.
    mediaUrl: (name) => `/media/${encodeURIComponent(name)}?token=${encodeURIComponent(token)}`,
    // Files go by HTTP beside the socket, never as a WebSocket frame (the bridge takes 1 MB frames).
    async fileContent(file) {
      const upload = new URL('/upload', url.replace(/^ws/, 'http'));
      let response: Response;
      try {
        response = await fetch(upload, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
          body: file,
        });
      } catch {
        throw new Error('Switchboard’s core is not reachable right now.');
      }
      const body = (await response.json().catch(() => null)) as {
        uploadId?: string;
        error?: { message?: string };
      } | null;
      if (!response.ok || !body?.uploadId)
        throw new Error(
          body?.error?.message ?? `The file could not be uploaded (${response.status}).`,
        );
      return { uploadId: body.uploadId };
    },
    async invoke(method, params) {
      try {
        await opened;
      } catch {
        return {
          ok: false,
          error: { code: 'unavailable', message: 'Switchboard’s core is not reachable right now.' },
        };
      }
      const id = nextId++;
      return new Promise<Reply>((resolve) => {
        const timer = window.setTimeout(() => {
          pending.delete(id);
          resolve({
            ok: false,
            error: { code: 'unavailable', message: 'Switchboard’s core did not answer in time.' },
          });
        }, REQUEST_TIMEOUT_MS);
        pending.set(id, { resolve, timer });
        ws?.send(JSON.stringify({ id, method, params }));
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      listener(status);
      return () => statusListeners.delete(listener);
    },
  };
}
