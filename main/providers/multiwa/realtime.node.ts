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
  /** `profileIds`: whose events stop while this state lasts; every profile when absent. */
  state(state: ConnectionState, profileIds?: readonly string[]): void;
  /**
   * A connection came up. `profileIds`: the profiles whose events it carries (the documented
   * protocol has one socket per profile); every profile when absent (one Socket.IO socket).
   */
  connected(reconnect: boolean, profileIds?: readonly string[]): void;
  malformed(reason: string, raw: unknown, profileId?: string): void;
  log: Logger;
}

export interface Realtime {
  start(): void;
  stop(): void;
  /** Resolves true once connected, false if this protocol is not what the server speaks. */
  readonly probe: Promise<boolean>;
}
