import type { ConnectionState } from '../../../shared/model/connection.std.ts';
import type { Logger } from '../plugin.node.ts';

/** What either real-time protocol reports, already parsed. */
export interface RealtimeHandlers {
  qr(profileId: string, qr: string): void;
  status(profileId: string, status: string, phone?: string, reason?: string): void;
  /** Socket.IO's `message`: a full message row with its conversation. */
  row(payload: unknown): void;
  /** The documented protocol's `message.received`. */
  received(profileId: string, data: unknown): void;
  ack(
    profileId: string | undefined,
    messageId: string,
    status: string | undefined,
    ack: number | undefined,
  ): void;
  state(state: ConnectionState): void;
  connected(reconnect: boolean): void;
  malformed(reason: string, raw: unknown, profileId?: string): void;
  log: Logger;
}

export interface Realtime {
  start(): void;
  stop(): void;
  /** Resolves true once connected, false if this protocol is not what the server speaks. */
  readonly probe: Promise<boolean>;
}
