import type { Reply } from '../../../shared/ipc/wire.std.ts';

export type ConnectionStatus = 'connecting' | 'open' | 'closed';

/** How the renderer reaches the core: Electron IPC or the headless core's WebSocket. */
export interface Transport {
  invoke(method: string, params: unknown): Promise<Reply>;
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  /** The page's address for one of the core's local media copies, by file name. */
  mediaUrl(name: string): string;
  /** A file for a send, as this transport carries files: inline, or uploaded ahead by id. */
  fileContent(file: File): Promise<{ dataBase64: string } | { uploadId: string }>;
}
