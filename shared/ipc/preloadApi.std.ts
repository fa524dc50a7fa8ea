import type { Reply } from './wire.std.ts';

/** What the preload exposes on `window.switchboard`, and nothing more. */
export interface PreloadApi {
  invoke(method: string, params: unknown): Promise<Reply>;
  /** Returns an unsubscribe function. */
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
}

export const PRELOAD_KEY = 'switchboard';
export const INVOKE_CHANNEL = 'switchboard:invoke';
export const EVENT_CHANNEL = 'switchboard:event';
