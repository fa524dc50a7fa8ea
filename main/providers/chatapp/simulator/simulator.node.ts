import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { PusherServer, signChannel } from './pusherServer.node.ts';
import { SimState, lineKey, type SimChat, type SimLine, type SimMessage } from './state.node.ts';

export interface ChatAppSimulatorOptions {
  email?: string;
  password?: string;
  appId?: string;
  appKey?: string;
  appSecret?: string;
  lines?: SimLine[];
  accessTtlS?: number;
  refreshTtlS?: number;
  /** `wrapped` is seed000's `{queue, payload}`, `bare` seed001's `{data, meta}`. */
  envelope?: 'bare' | 'wrapped';
  /** Delay between sent → delivered → viewed for messages sent through the API; 0 turns it off. */
  statusStepMs?: number;
  /** Publish through another Pusher server (soketi) instead of the built-in one. */
  publish?: (channel: string, event: string, data: unknown) => Promise<void>;
  companyId?: number;
  userId?: number;
  /**
   * Publishes the echo of an API send this long before answering its HTTP request, as a real
   * server under load does: the client sees its own message before it knows the message's id.
   */
  echoBeforeReplyMs?: number;
}

const DEFAULT_LINES: SimLine[] = [
  { licenseId: 1229, type: 'grWhatsApp', phone: '79001230000', name: 'Shop WhatsApp' },
  { licenseId: 1229, type: 'telegram', phone: '79001230000', name: 'Shop Telegram' },
];

type Route = (
  req: IncomingMessage,
  url: URL,
  body: Buffer,
) => Promise<[number, unknown]> | [number, unknown];

/**
 * A stand-in for ChatApp: its REST paths and `success`/`data`/`error` envelopes,
 * /broadcasting/auth signing channels like a real Pusher app, and a Pusher-protocol socket.
 * Tests and the demo drive traffic through its methods.
 */
export class ChatAppSimulator {
  readonly state: SimState;
  readonly pusher: PusherServer;
  readonly options: Required<Omit<ChatAppSimulatorOptions, 'publish' | 'echoBeforeReplyMs'>> &
    Pick<ChatAppSimulatorOptions, 'publish' | 'echoBeforeReplyMs'>;
  /** Every send the API accepted, in order. */
  readonly sent: SimMessage[] = [];
  /** Count of requests per path pattern, for assertions on the client's behaviour. */
  readonly calls = new Map<string, number>();
  #server: http.Server | undefined;
  #port = 0;
  /** How long the chat list takes to answer. */
  chatListDelayMs = 0;
  /** The next chat-list requests are cut off mid-answer (ECONNRESET), as a server that just restarted does. */
  resetChatListTimes = 0;
  #timers = new Set<NodeJS.Timeout>();
  nowS: () => number = () => Math.floor(Date.now() / 1000);

  constructor(options: ChatAppSimulatorOptions = {}) {
    this.options = {
      email: 'owner@shop.example',
      password: 'correct horse',
      appId: 'app_1234_1',
      appKey: 'ChatsAppApiProdKey',
      appSecret: 'simulator-secret',
      lines: DEFAULT_LINES,
      accessTtlS: 24 * 3600,
      refreshTtlS: 14 * 24 * 3600,
      envelope: 'bare',
      statusStepMs: 30,
      companyId: 2224,
      userId: 685,
      ...options,
    };
    this.state = new SimState(this.options.lines);
    this.pusher = new PusherServer(this.options.appKey, this.options.appSecret);
  }

  get port(): number {
    return this.#port;
  }

  get apiBase(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** The account form's values for this simulator. */
  accountConfig(socket?: { host: string; port: number }): Record<string, string> {
    return {
      email: this.options.email,
      appId: this.options.appId,
      apiBase: this.apiBase,
      socketHost: socket?.host ?? '127.0.0.1',
      socketPort: String(socket?.port ?? this.#port),
      socketTls: 'false',
      authEndpoint: `${this.apiBase}/broadcasting/auth`,
      appKey: this.options.appKey,
    };
  }

  async start(port = 0): Promise<this> {
    const server = http.createServer((req, res) => void this.#handle(req, res));
    server.on('upgrade', (req, socket, head) => {
      if (!this.pusher.handleUpgrade(req, socket, head)) socket.destroy();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port || this.#port, '127.0.0.1', () => resolve());
    });
    this.#server = server;
    this.#port = (server.address() as { port: number }).port;
    return this;
  }

  /** Stops listening and kills every socket; state is kept, so `start()` resumes it. */
  async stop(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.pusher.dropAll();
    const server = this.#server;
    this.#server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // ── traffic ──────────────────────────────────────────────────────────────────────

  line(key = lineKey(this.options.lines[0]!)): SimLine {
    const line = this.options.lines.find((l) => lineKey(l) === key);
    if (!line) throw new Error(`no simulated line ${key}`);
    return line;
  }

  /** A customer writes; the message is stored (for history) and, if `live`, pushed. */
  async receive(
    lineKeyOrLine: string,
    chatId: string,
    text: string,
    options: { live?: boolean; name?: string; time?: number } = {},
  ): Promise<SimMessage> {
    const line = this.line(lineKeyOrLine);
    const chat = this.state.chat(line, chatId, options.name);
    const message = this.state.newMessage(line, chat, {
      side: 'in',
      text,
      time: options.time ?? this.nowS(),
    });
    if (options.live ?? true) await this.publish(line, 'message', [message]);
    return message;
  }

  /** A customer deletes a message for everyone. */
  async deleteForEveryone(lineKeyOrLine: string, messageId: string | number): Promise<void> {
    await this.publish(this.line(lineKeyOrLine), 'messageDestroy', [
      { id: messageId, time: this.nowS() },
    ]);
  }

  /** Past messages, kept for the history API only (nothing is pushed). */
  addHistory(
    lineKeyOrLine: string,
    chatId: string,
    name: string,
    entries: {
      from: 'in' | 'out';
      text: string;
      at: number;
      file?: { name: string; mime: string; size: number };
    }[],
  ): void {
    const line = this.line(lineKeyOrLine);
    const chat = this.state.chat(line, chatId, name);
    for (const entry of entries) {
      const file = entry.file
        ? { link: `${this.apiBase}/files/${encodeURIComponent(entry.file.name)}`, ...entry.file }
        : undefined;
      this.state.newMessage(line, chat, {
        side: entry.from,
        text: entry.text,
        time: entry.at,
        ...(file ? { file } : {}),
      });
    }
  }

  /** Publishes `items` as one event on a line's channel, in the configured envelope. */
  async publish(line: SimLine, event: string, items: unknown[]): Promise<void> {
    const meta = { type: event, licenseId: line.licenseId, messengerType: line.type };
    const body =
      this.options.envelope === 'wrapped'
        ? { queue: `Sim.Broadcast.${event}`, payload: { data: items, meta } }
        : { data: items, meta };
    await this.publishRaw(channelOf(line), event, body);
  }

  async publishRaw(channel: string, event: string, data: unknown): Promise<void> {
    if (this.options.publish) await this.options.publish(channel, event, data);
    else this.pusher.trigger(channel, event, data);
  }

  companyChannel(): string {
    return `private-v1.companies.${this.options.companyId}`;
  }

  userChannel(): string {
    return `private-v1.users.${this.options.userId}`;
  }

  /** Every issued access token ends now; refresh tokens stay good. */
  expireAccessTokens(): void {
    for (const t of this.state.tokens) t.accessTokenEndTime = this.nowS() - 1;
  }

  /** Every issued token dies: only a new login helps. */
  revokeAllTokens(): void {
    for (const t of this.state.tokens) {
      t.accessTokenEndTime = 0;
      t.refreshTokenEndTime = 0;
    }
  }

  // ── HTTP ─────────────────────────────────────────────────────────────────────────

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://sim');
    const route = this.#route(req.method ?? 'GET', url.pathname);
    const key = `${req.method} ${route?.[0] ?? url.pathname}`;
    this.calls.set(key, (this.calls.get(key) ?? 0) + 1);
    let status: number;
    let body: unknown;
    if (route?.[0] === '/v1/licenses/:id/messengers/:type/chats' && this.resetChatListTimes > 0) {
      this.resetChatListTimes -= 1;
      req.socket.destroy();
      return;
    }
    if (!route) [status, body] = [404, fail('not_found', 'Not found')];
    else [status, body] = await route[1](req, url, Buffer.concat(chunks));
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  #route(method: string, path: string): [string, Route] | undefined {
    const routes: [string, string, RegExp, Route][] = [
      ['POST', '/v1/tokens', /^\/v1\/tokens$/, (_r, _u, body) => this.#makeTokens(body)],
      ['POST', '/v1/tokens/refresh', /^\/v1\/tokens\/refresh$/, (req) => this.#refresh(req)],
      [
        'GET',
        '/v1/tokens/check',
        /^\/v1\/tokens\/check$/,
        (req) => this.#authed(req, () => [200, ok({})]),
      ],
      [
        'GET',
        '/v1/me',
        /^\/v1\/me$/,
        (req) =>
          this.#authed(req, () => [
            200,
            ok({
              id: this.options.userId,
              companyId: this.options.companyId,
              email: this.options.email,
            }),
          ]),
      ],
      [
        'GET',
        '/v1/licenses',
        /^\/v1\/licenses$/,
        (req) => this.#authed(req, () => [200, ok(this.#licenses())]),
      ],
      [
        'GET',
        '/v1/licenses/:id/messengers/:type/chats',
        CHATS,
        async (req, url) => {
          // A slow chat list: live events overtake the client's gap-fill, as on a loaded server.
          if (this.chatListDelayMs > 0)
            await new Promise((resolve) => setTimeout(resolve, this.chatListDelayMs));
          return this.#authed(req, () => this.#chats(url));
        },
      ],
      [
        'GET',
        '/v1/licenses/:id/messengers/:type/chats/:chat/messages',
        MESSAGES,
        (req, url) => this.#authed(req, () => this.#messages(url)),
      ],
      [
        'POST',
        '/v1/licenses/:id/messengers/:type/chats/:chat/messages/text',
        SEND_TEXT,
        (req, url, body) => this.#authed(req, () => this.#sendText(url, body)),
      ],
      [
        'POST',
        '/v1/licenses/:id/messengers/:type/chats/:chat/messages/file',
        SEND_FILE,
        (req, url, body) => this.#authed(req, () => this.#sendFile(req, url, body)),
      ],
      [
        'POST',
        '/broadcasting/auth',
        /^\/broadcasting\/auth$/,
        (req, _u, body) => this.#channelAuth(req, body),
      ],
    ];
    const hit = routes.find(([m, , re]) => m === method && re.test(path));
    return hit ? [hit[1], hit[3]] : undefined;
  }

  #authed(req: IncomingMessage, then: () => Promise<[number, unknown]> | [number, unknown]) {
    if (!this.state.validAccess(req.headers.authorization, this.nowS()))
      return [401, fail('unauthorized', 'Token is invalid or expired')] as [number, unknown];
    return then();
  }

  #makeTokens(body: Buffer): [number, unknown] {
    const creds = parseJson(body) as
      { email?: string; password?: string; appId?: string } | undefined;
    const { email, password, appId } = this.options;
    if (creds?.email !== email || creds.password !== password || creds.appId !== appId) {
      return [401, fail('invalid_credentials', 'Wrong email, password or appId')];
    }
    return [
      200,
      ok({
        cabinetUserId: this.options.userId,
        ...this.state.issueTokens(this.nowS(), this.options.accessTtlS, this.options.refreshTtlS),
      }),
    ];
  }

  #refresh(req: IncomingMessage): [number, unknown] {
    const given = req.headers.refresh;
    const tokens = this.state.tokens.find(
      (t) => t.refreshToken === given && t.refreshTokenEndTime > this.nowS(),
    );
    if (!tokens) return [401, fail('invalid_refresh_token', 'Refresh token is invalid or expired')];
    tokens.refreshTokenEndTime = 0; // refresh tokens are single use
    return [
      200,
      ok({
        cabinetUserId: this.options.userId,
        ...this.state.issueTokens(this.nowS(), this.options.accessTtlS, this.options.refreshTtlS),
      }),
    ];
  }

  #licenses() {
    const byLicense = new Map<number, SimLine[]>();
    for (const line of this.options.lines)
      byLicense.set(line.licenseId, [...(byLicense.get(line.licenseId) ?? []), line]);
    return [...byLicense].map(([licenseId, lines]) => ({
      licenseId,
      licenseTo: this.nowS() + 30 * 24 * 3600,
      active: true,
      name: lines[0]!.name,
      messenger: lines.map((l) => ({ type: l.type, phone: l.phone, name: l.name })),
    }));
  }

  #lineOf(url: URL): SimLine | undefined {
    const m = /^\/v1\/licenses\/([^/]+)\/messengers\/([^/]+)/.exec(url.pathname);
    return m ? this.state.line(decodeURIComponent(m[1]!), decodeURIComponent(m[2]!)) : undefined;
  }

  #chats(url: URL): [number, unknown] {
    const line = this.#lineOf(url);
    if (!line) return [404, fail('not_found', 'Line not found')];
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 20), 100);
    const offset = Number(url.searchParams.get('nextPage') ?? 0);
    const chats = [...this.state.chats.get(lineKey(line))!.values()]
      .filter((c) => c.messages.length > 0)
      .sort((a, b) => lastTime(b) - lastTime(a));
    const page = chats.slice(offset, offset + limit).map((c) => ({
      id: c.id,
      name: c.name,
      phone: c.phone,
      type: c.type,
      unreadCount: c.unread,
      lastTime: lastTime(c),
      lastMessage: c.messages.at(-1),
    }));
    return [
      200,
      ok({ items: page, nextPage: offset + limit < chats.length ? String(offset + limit) : null }),
    ];
  }

  #messages(url: URL): [number, unknown] {
    const line = this.#lineOf(url);
    const chatId = decodeURIComponent(MESSAGES.exec(url.pathname)![1]!);
    const chat = line && this.state.chats.get(lineKey(line))!.get(chatId);
    if (!chat) return [404, fail('not_found', 'Chat not found')];
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 20), 100);
    const newestFirst = [...chat.messages].reverse();
    let start = Number(url.searchParams.get('nextPage') ?? 0);
    const lastTimeParam = url.searchParams.get('lastTime');
    if (!url.searchParams.has('nextPage') && lastTimeParam !== null) {
      const lastInternal = Number(url.searchParams.get('lastInternalId') ?? Infinity);
      start = newestFirst.findIndex(
        (m) =>
          m.time < Number(lastTimeParam) ||
          (m.time === Number(lastTimeParam) && m.internalId < lastInternal),
      );
      if (start < 0) start = newestFirst.length;
    }
    const items = newestFirst.slice(start, start + limit);
    return [
      200,
      ok({ items, nextPage: start + limit < newestFirst.length ? String(start + limit) : null }),
    ];
  }

  #sendText(url: URL, body: Buffer): [number, unknown] | Promise<[number, unknown]> {
    const request = parseJson(body) as { text?: unknown; quotedMessageId?: unknown } | undefined;
    if (typeof request?.text !== 'string' || request.text.trim() === '')
      return [422, fail('validation', 'The text field is required')];
    return this.#accept(
      url,
      request.text,
      typeof request.quotedMessageId === 'string' ? request.quotedMessageId : undefined,
    );
  }

  async #sendFile(req: IncomingMessage, url: URL, body: Buffer): Promise<[number, unknown]> {
    const form = await new Request('http://sim', {
      method: 'POST',
      headers: { 'content-type': req.headers['content-type'] ?? '' },
      body: new Uint8Array(body),
    })
      .formData()
      .catch(() => undefined);
    const file = form?.get('file');
    if (!form || !(file instanceof Blob))
      return [422, fail('validation', 'The file field is required')];
    const name = String(form.get('fileName') ?? (file as File).name ?? 'file');
    const caption = String(form.get('caption') ?? '');
    const quoted = form.get('quotedMessageId');
    const fileInfo = {
      link: `${this.apiBase}/files/${encodeURIComponent(name)}`,
      name,
      mime: file.type || 'application/octet-stream',
      size: file.size,
    };
    return this.#accept(url, caption, typeof quoted === 'string' ? quoted : undefined, fileInfo);
  }

  /** Stores an API send, answers with its id, then echoes it and moves its status to read. */
  #accept(
    url: URL,
    text: string,
    quotedId: string | undefined,
    file?: SimMessage['message']['file'],
  ): [number, unknown] | Promise<[number, unknown]> {
    const line = this.#lineOf(url);
    const chatId = decodeURIComponent(/\/chats\/([^/]+)\/messages/.exec(url.pathname)![1]!);
    if (!line) return [404, fail('not_found', 'Line not found')];
    const chat: SimChat = this.state.chat(line, chatId);
    const quoted = quotedId ? this.state.findMessage(line, quotedId)?.message : undefined;
    const message = this.state.newMessage(line, chat, {
      side: 'out',
      text,
      fromApi: true,
      appId: this.options.appId,
      time: this.nowS(),
      ...(quoted ? { quoted } : {}),
      ...(file ? { file } : {}),
    });
    chat.unread = 0;
    this.sent.push(message);
    const echoFirst = this.options.echoBeforeReplyMs;
    if (echoFirst === undefined) this.#later(() => this.publish(line, 'message', [message]));
    if (this.options.statusStepMs > 0) {
      ['sent', 'delivered', 'viewed'].forEach((type, i) => {
        this.#later(
          () =>
            this.publish(line, 'messageStatus', [
              {
                id: message.id,
                type,
                time: this.nowS(),
                chat: { id: chat.id },
                fromApp: { id: this.options.appId, tracking: null },
                error: null,
              },
            ]),
          this.options.statusStepMs * (i + 1),
        );
      });
    }
    const reply: [number, unknown] = [
      200,
      ok({ id: message.id, internalId: message.internalId, chatId: chat.id }),
    ];
    if (echoFirst === undefined) return reply;
    return this.publish(line, 'message', [message]).then(
      () => new Promise((resolve) => setTimeout(() => resolve(reply), echoFirst)),
    );
  }

  #later(fn: () => Promise<void>, ms = 5): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      void fn();
    }, ms);
    this.#timers.add(timer);
  }

  #channelAuth(req: IncomingMessage, body: Buffer): [number, unknown] {
    if (!this.state.validAccess(req.headers.authorization, this.nowS()))
      return [401, fail('unauthorized', 'Token is invalid or expired')];
    const form = new URLSearchParams(body.toString());
    const socketId = form.get('socket_id');
    const channel = form.get('channel_name');
    if (!socketId || !channel)
      return [422, fail('validation', 'socket_id and channel_name are required')];
    const own = new Set([
      ...this.options.lines.map(channelOf),
      this.companyChannel(),
      this.userChannel(),
    ]);
    if (!own.has(channel))
      return [403, fail('forbidden', 'This channel belongs to another account')];
    return [
      200,
      { auth: signChannel(this.options.appKey, this.options.appSecret, socketId, channel) },
    ];
  }
}

const CHATS = /^\/v1\/licenses\/[^/]+\/messengers\/[^/]+\/chats$/;
const MESSAGES = /^\/v1\/licenses\/[^/]+\/messengers\/[^/]+\/chats\/([^/]+)\/messages$/;
const SEND_TEXT = /^\/v1\/licenses\/[^/]+\/messengers\/[^/]+\/chats\/[^/]+\/messages\/text$/;
const SEND_FILE = /^\/v1\/licenses\/[^/]+\/messengers\/[^/]+\/chats\/[^/]+\/messages\/file$/;

export const channelOf = (line: SimLine) =>
  `private-v1.licenses.${line.licenseId}.messengers.${line.type}`;
const lastTime = (chat: SimChat) => chat.messages.at(-1)?.time ?? 0;
const ok = (data: unknown) => ({ success: true, data });
const fail = (code: string, message: string) => ({ success: false, error: { code, message } });

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString());
  } catch {
    return undefined;
  }
}
