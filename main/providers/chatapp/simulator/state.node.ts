import { randomBytes } from 'node:crypto';

export interface SimLine {
  licenseId: number;
  type: string;
  phone: string;
  name: string;
}

export interface SimMessage {
  id: string | number;
  internalId: number;
  fromApi: boolean;
  fromMe: boolean;
  side: 'in' | 'out';
  time: number;
  type: string;
  subtype: null;
  isForwarded: boolean;
  message: {
    text: string;
    caption: string;
    file: null | { link: string; name: string; mime: string; size: number };
  };
  quotedMessage: null | { id: string | number; message: { text: string } };
  fromUser: { id: number; username: string; name: string; phone: string };
  chat: {
    id: string;
    hash: string;
    type: string;
    phone: string;
    username: string;
    name: string;
    image: string | null;
  };
  fromApp: null | { id: string; tracking: null };
}

export interface SimChat {
  id: string;
  name: string;
  phone: string;
  type: 'private' | 'group';
  messages: SimMessage[];
  unread: number;
}

export interface Tokens {
  accessToken: string;
  accessTokenEndTime: number;
  refreshToken: string;
  refreshTokenEndTime: number;
}

export const lineKey = (line: SimLine) => `${line.licenseId}:${line.type}`;

/** What a ChatApp cabinet holds: lines, chats with their messages, and issued tokens. */
export class SimState {
  readonly chats = new Map<string, Map<string, SimChat>>();
  readonly tokens: Tokens[] = [];
  #internalId = 37_000;
  #waId = 0;

  constructor(readonly lines: SimLine[]) {
    for (const line of lines) this.chats.set(lineKey(line), new Map());
  }

  line(licenseId: string, type: string): SimLine | undefined {
    return this.lines.find((l) => String(l.licenseId) === licenseId && l.type === type);
  }

  issueTokens(nowS: number, accessTtlS: number, refreshTtlS: number): Tokens {
    const token = () => `$2y$10$${randomBytes(24).toString('base64url')}`;
    const issued = {
      accessToken: token(),
      accessTokenEndTime: nowS + accessTtlS,
      refreshToken: token(),
      refreshTokenEndTime: nowS + refreshTtlS,
    };
    this.tokens.push(issued);
    return issued;
  }

  validAccess(token: string | undefined, nowS: number): boolean {
    return this.tokens.some((t) => t.accessToken === token && t.accessTokenEndTime > nowS);
  }

  chat(line: SimLine, chatId: string, name?: string): SimChat {
    const chats = this.chats.get(lineKey(line))!;
    let chat = chats.get(chatId);
    if (!chat) {
      const phone = chatId.replace(/\D/g, '').slice(0, 11) || '79000000000';
      chat = {
        id: chatId,
        name: name ?? `Customer ${phone.slice(-4)}`,
        phone,
        type: chatId.startsWith('group') ? 'group' : 'private',
        messages: [],
        unread: 0,
      };
      chats.set(chatId, chat);
    }
    return chat;
  }

  /** WhatsApp lines use wamid strings, Telegram numeric ids: both forms reach the client. */
  newMessage(
    line: SimLine,
    chat: SimChat,
    fields: {
      side: 'in' | 'out';
      text: string;
      fromApi?: boolean;
      appId?: string;
      time: number;
      quoted?: SimMessage;
      file?: SimMessage['message']['file'];
    },
  ): SimMessage {
    this.#internalId += 1;
    this.#waId += 1;
    const whatsapp = /whatsapp/i.test(line.type);
    const message: SimMessage = {
      id: whatsapp ? `wamid.HBgL${String(this.#waId).padStart(8, '0')}` : this.#internalId,
      internalId: this.#internalId,
      fromApi: fields.fromApi ?? false,
      fromMe: fields.side === 'out',
      side: fields.side,
      time: fields.time,
      type: fields.file ? (fields.file.mime.startsWith('image/') ? 'image' : 'document') : 'text',
      subtype: null,
      isForwarded: false,
      message: {
        text: fields.file ? '' : fields.text,
        caption: fields.file ? fields.text : '',
        file: fields.file ?? null,
      },
      quotedMessage: fields.quoted
        ? {
            id: fields.quoted.id,
            message: { text: fields.quoted.message.text || fields.quoted.message.caption },
          }
        : null,
      fromUser:
        fields.side === 'in'
          ? {
              id: Number(chat.phone.slice(-6)),
              username: `user${chat.phone.slice(-4)}`,
              name: chat.name,
              phone: chat.phone,
            }
          : { id: 685, username: 'operator', name: 'Operator', phone: line.phone },
      chat: {
        id: chat.id,
        hash: `h${chat.phone}`,
        type: chat.type,
        phone: chat.phone,
        username: `user${chat.phone.slice(-4)}`,
        name: chat.name,
        image: null,
      },
      fromApp: fields.fromApi && fields.appId ? { id: fields.appId, tracking: null } : null,
    };
    chat.messages.push(message);
    // Replying reads the chat, as in ChatApp's own inbox.
    chat.unread = fields.side === 'in' ? chat.unread + 1 : 0;
    return message;
  }

  findMessage(line: SimLine, id: string): { chat: SimChat; message: SimMessage } | undefined {
    for (const chat of this.chats.get(lineKey(line))!.values()) {
      const message = chat.messages.find((m) => String(m.id) === id);
      if (message) return { chat, message };
    }
    return undefined;
  }
}
