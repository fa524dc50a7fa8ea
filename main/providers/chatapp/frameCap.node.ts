import Pusher from 'pusher-js';

/**
 * The largest socket frame read. A ChatApp event is a batch of a few messages; a frame far
 * beyond that is a fault or an attack, and parsing it (twice: pusher-js decodes the frame,
 * then its `data` string) would hold the core and end up stored whole in quarantine.
 */
export const MAX_SOCKET_FRAME_CHARS = 512 * 1024;

export interface OversizedFrame {
  chars: number;
  /** Read from the frame's first characters without parsing it, where they say. */
  channel?: string;
  event?: string;
  head: string;
}

const listeners = new Set<(frame: OversizedFrame) => void>();
let installed = false;

/**
 * Reports each oversized frame, which is dropped before pusher-js parses it. pusher-js
 * makes its sockets through one runtime for every connection, so the check sits there; each
 * listener decides from `channel` whether the frame was one of its own.
 */
export function onOversizedFrame(listener: (frame: OversizedFrame) => void): () => void {
  install();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function install(): void {
  if (installed) return;
  installed = true;
  const runtime = (Pusher as unknown as { Runtime: { createWebSocket(url: string): object } })
    .Runtime;
  const create = runtime.createWebSocket.bind(runtime);
  runtime.createWebSocket = (url: string) => capped(create(url));
}

function capped(socket: object): object {
  let handler: ((message: { data?: unknown }) => void) | undefined;
  Object.defineProperty(socket, 'onmessage', {
    configurable: true,
    get: () => handler,
    set: (next: ((message: { data?: unknown }) => void) | undefined) => {
      handler = next
        ? (message) => {
            const data = message?.data;
            if (typeof data === 'string' && data.length > MAX_SOCKET_FRAME_CHARS)
              return report(data);
            next(message);
          }
        : undefined;
    },
  });
  return socket;
}

function report(data: string): void {
  const head = data.slice(0, 400);
  // Pusher frames carry the channel and event names as escaped JSON in their first bytes.
  const channel = /\\?"channel\\?"\s*:\s*\\?"([\w.@=,;:-]{1,200})\\?"/.exec(head)?.[1];
  const event = /\\?"event\\?"\s*:\s*\\?"([\w.:-]{1,100})\\?"/.exec(head)?.[1];
  const frame: OversizedFrame = {
    chars: data.length,
    head,
    ...(channel ? { channel } : {}),
    ...(event ? { event } : {}),
  };
  for (const listener of listeners) listener(frame);
}
