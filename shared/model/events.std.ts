import type { ConnectionState } from './connection.std.ts';
import type { DeliveryStatus } from './delivery.std.ts';
import type {
  ConversationKind,
  ConversationMeta,
  Direction,
  Media,
  MessageType,
  Origin,
  Sender,
} from './entities.std.ts';
import type { Messenger } from './ids.std.ts';
import type { LoginState } from './login.std.ts';

/**
 * Every id a provider has used for one message. Any one of them finds the message again:
 * sends answer with one id, echoes and receipts often use another.
 */
export interface MessageRef {
  provider?: string;
  internal?: string;
  clientRef?: string;
}

export interface ChatRef {
  id: string;
  kind?: ConversationKind;
  title?: string;
  phone?: string;
  avatarUrl?: string;
}

export interface NormalizedMessage {
  ids: MessageRef;
  direction: Direction;
  origin: Origin;
  type: MessageType;
  text?: string;
  media?: Media;
  location?: { lat: number; lng: number; name?: string };
  /** `messageId` is the cache's own resolution of `providerId`; providers never set it (the event schema drops it). */
  quoted?: { providerId: string; preview?: string; senderName?: string; messageId?: number };
  sender?: Sender;
  /** Epoch ms. */
  time: number;
  status?: DeliveryStatus;
  edited?: boolean;
  deleted?: boolean;
}

export interface LineInfo {
  providerLineId: string;
  messenger: Messenger;
  title?: string;
  phone?: string;
  login?: LoginState;
}

/**
 * What a provider plug-in reports, in the unified vocabulary. `line` is always the
 * provider's line id; the core maps it to its own.
 */
export type ProviderEvent =
  | {
      kind: 'message';
      line: string;
      chat: ChatRef;
      message: NormalizedMessage;
      /** From a history or gap-fill fetch: counts as unread only if newer than the read marker. */
      historical?: boolean;
    }
  | { kind: 'status'; line: string; ref: MessageRef; status: DeliveryStatus }
  | { kind: 'deleted'; line: string; ref: MessageRef }
  | { kind: 'edited'; line: string; ref: MessageRef; text: string }
  | { kind: 'reaction'; line: string; ref: MessageRef; from: string; emoji: string | null }
  | {
      kind: 'conversation';
      line: string;
      chat: ChatRef;
      meta?: Partial<ConversationMeta>;
      /** The provider's own unread count, when it keeps one. */
      unread?: number;
    }
  /** A CRM tag put on or taken off a conversation. */
  | {
      kind: 'tag';
      line: string;
      chat: ChatRef;
      tag: { id: string; name: string; color?: string };
      op: 'add' | 'remove';
    }
  | { kind: 'line'; line: LineInfo }
  | { kind: 'login'; line: string; state: LoginState }
  | { kind: 'connection'; state: ConnectionState }
  /** Account-wide data the UI may show (employee status, quick responses, balance). */
  | { kind: 'workspace'; key: string; value: unknown };

/** A provider event that carries a line. */
export type LineEvent = Extract<ProviderEvent, { line: string }>;
