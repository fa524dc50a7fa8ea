import { randomBytes, randomUUID } from 'node:crypto';

export interface SimProfile {
  id: string;
  name: string;
  displayName: string;
  phoneNumber: string | null;
  status: 'connected' | 'disconnected' | 'connecting';
  accountId: string;
  /** The number the phone must have; a different one scanning is refused. */
  expectedPhone: string;
}

export interface SimConversation {
  id: string;
  profileId: string;
  jid: string;
  name: string;
  type: 'user' | 'group';
  lastMessageAt: string | null;
  unreadCount: number;
}

/** MultiWA's Message model (schema.prisma): the quoted id is a column of the row, not content. */
export interface SimMessage {
  id: string;
  profileId: string;
  messageId: string;
  conversationId: string;
  direction: 'incoming' | 'outgoing';
  senderJid: string;
  type: string;
  content: Record<string, unknown>;
  quotedMessageId: string | null;
  status: string;
  timestamp: string;
  metadata: Record<string, unknown> | null;
}

/** MultiWA's database as the simulator keeps it: profiles, conversations, messages. */
export class SimState {
  readonly conversations = new Map<string, SimConversation>();
  readonly messages = new Map<string, SimMessage[]>();
  readonly sentToday = new Map<string, number>();

  constructor(readonly profiles: SimProfile[]) {}

  profile(id: string): SimProfile | undefined {
    return this.profiles.find((p) => p.id === id);
  }

  conversation(profileId: string, jid: string, name?: string): SimConversation {
    let conversation = [...this.conversations.values()].find(
      (c) => c.profileId === profileId && c.jid === jid,
    );
    if (!conversation) {
      conversation = {
        id: randomUUID(),
        profileId,
        jid,
        name: name ?? `+${jid.split('@')[0]}`,
        type: jid.endsWith('@g.us') ? 'group' : 'user',
        lastMessageAt: null,
        unreadCount: 0,
      };
      this.conversations.set(conversation.id, conversation);
      this.messages.set(conversation.id, []);
    }
    return conversation;
  }

  add(
    conversation: SimConversation,
    fields: {
      direction: 'incoming' | 'outgoing';
      type?: string;
      content: Record<string, unknown>;
      status: string;
      at?: Date;
      quotedMessageId?: string;
    },
  ): SimMessage {
    const jid = conversation.jid;
    const fromMe = fields.direction === 'outgoing';
    const at = fields.at ?? new Date();
    const message: SimMessage = {
      id: randomUUID(),
      profileId: conversation.profileId,
      messageId: `${fromMe}_${jid}_3EB0${randomBytes(8).toString('hex').toUpperCase()}`,
      conversationId: conversation.id,
      direction: fields.direction,
      senderJid: fromMe ? 'me' : jid,
      type: fields.type ?? 'text',
      content: fields.content,
      quotedMessageId: fields.quotedMessageId ?? null,
      status: fields.status,
      timestamp: at.toISOString(),
      metadata: null,
    };
    this.messages.get(conversation.id)!.push(message);
    conversation.lastMessageAt = message.timestamp;
    if (!fromMe) conversation.unreadCount += 1;
    return message;
  }

  find(id: string): SimMessage | undefined {
    for (const list of this.messages.values()) {
      const found = list.find((m) => m.id === id || m.messageId === id);
      if (found) return found;
    }
    return undefined;
  }
}
