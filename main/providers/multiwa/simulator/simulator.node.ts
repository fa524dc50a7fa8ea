import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { Server as SocketIoServer } from 'socket.io';
import { WebSocketServer, type WebSocket } from 'ws';
import { SimState, type SimConversation, type SimMessage, type SimProfile } from './state.node.ts';

export interface MultiWaSimulatorOptions {
  apiKey?: string;
  /** Which real-time protocols to serve: MultiWA's Socket.IO gateway, seed 003's raw one, or both. */
  protocols?: ('socketio' | 'raw')[];
  profiles?: SimProfile[];
  /** The QR changes this often until scanned (MultiWA/WhatsApp: about 20 s). */
  qrRotateMs?: number;
  /** Delay between pending → sent → delivered → read acks of a send; 0 turns them off. */
  ackStepMs?: number;
  /** Sends per profile per day before 429 DAILY_LIMIT_REACHED. */
  dailyLimit?: number;
  /** `code` answers sends with the record id (MultiWA's DTO), `docs` with the WhatsApp id. */
  sendReply?: 'code' | 'docs';
  /** Push QR codes over the sockets; false leaves only REST's GET …/qr. */
  pushQr?: boolean;
  /** `code` (default): lists as MultiWA's source returns them; `documented`: the `{success, data}` envelope. */
  listShape?: 'code' | 'documented';
}

const DEFAULT_PROFILES: SimProfile[] = [
  {
    id: 'profile-sales',
    name: 'sales',
    displayName: 'Sales',
    phoneNumber: '6281234500001',
    status: 'connected',
    accountId: 'acc-1',
    expectedPhone: '6281234500001',
  },
  {
    id: 'profile-support',
    name: 'support',
    displayName: 'Support',
    phoneNumber: null,
    status: 'disconnected',
    accountId: 'acc-1',
    expectedPhone: '6281234500002',
  },
];

type Reply = [number, unknown];

/**
 * A stand-in MultiWA server: REST under /api/v1 with the x-api-key check, the Socket.IO
 * namespace /ws with MultiWA's event names, and the documented raw protocol at /ws.
 */
export class MultiWaSimulator {
  readonly state: SimState;
  /** Sends are stored and delivered, but their HTTP answer never comes: the client dies waiting. */
  stallSendReplies = false;
  readonly options: Required<MultiWaSimulatorOptions>;
  readonly markedRead: unknown[] = [];
  /** Every REST call, as `METHOD /path`; and every raw ping received. */
  readonly requests: string[] = [];
  pings = 0;
  /** Every frame a client sent on the documented raw socket, parsed. */
  readonly rawReceived: unknown[] = [];
  readonly reactions: unknown[] = [];
  /** Answer raw pings; false makes the link look dead. */
  pongs = true;
  #server: http.Server | undefined;
  #io: SocketIoServer | undefined;
  #raw: WebSocketServer | undefined;
  readonly #rawClients = new Map<WebSocket, string | undefined>();
  /** Socket.IO clients subscribed through the RealtimeGateway's envelopes: socket id → profile. */
  readonly #envelopeClients = new Map<string, string>();
  readonly #qrTimers = new Map<string, NodeJS.Timeout>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #qrs = new Map<string, string>();
  #port = 0;

  constructor(options: MultiWaSimulatorOptions = {}) {
    this.options = {
      apiKey: 'mwa_live_simulator',
      protocols: ['socketio', 'raw'],
      profiles: DEFAULT_PROFILES.map((p) => ({ ...p })),
      qrRotateMs: 20_000,
      ackStepMs: 30,
      dailyLimit: 1000,
      sendReply: 'code',
      pushQr: true,
      listShape: 'code',
      ...options,
    };
    this.state = new SimState(this.options.profiles);
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  get port(): number {
    return this.#port;
  }

  accountConfig(realtime: 'auto' | 'socketio' | 'raw' = 'auto'): Record<string, string> {
    return { baseUrl: this.baseUrl, realtime };
  }

  async start(port = 0): Promise<this> {
    const server = http.createServer((req, res) => void this.#handle(req, res));
    if (this.options.protocols.includes('socketio')) {
      this.#io = new SocketIoServer(server, { destroyUpgrade: false, cors: { origin: false } });
      this.#setupSocketIo(this.#io);
    }
    if (this.options.protocols.includes('raw')) {
      this.#raw = new WebSocketServer({ noServer: true });
      server.on('upgrade', (req, socket, head) => {
        const url = new URL(req.url ?? '/', 'http://sim');
        if (url.pathname !== '/ws') {
          // Socket.IO's own path is Socket.IO's; anything else is not here, as on a real server.
          if (!this.#io || !url.pathname.startsWith('/socket.io'))
            socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
          return;
        }
        if (url.searchParams.get('apiKey') !== this.options.apiKey) {
          socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n');
          return;
        }
        this.#raw!.handleUpgrade(req, socket, head, (ws) => this.#acceptRaw(ws));
      });
    }
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port || this.#port, '127.0.0.1', () => resolve());
    });
    this.#server = server;
    this.#port = (server.address() as { port: number }).port;
    for (const profile of this.state.profiles)
      if (profile.status === 'connecting') this.#rotateQr(profile);
    return this;
  }

  /** Stops serving and kills every socket; the data stays for `start()`. */
  async stop(): Promise<void> {
    for (const t of [...this.#timers, ...this.#qrTimers.values()]) clearTimeout(t);
    this.#timers.clear();
    this.#qrTimers.clear();
    for (const ws of this.#rawClients.keys()) ws.terminate();
    this.#rawClients.clear();
    this.#raw?.close();
    this.#io?.disconnectSockets(true);
    // Socket.IO's close also closes the HTTP server, which waits for open requests (a stalled send).
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => {
      if (this.#io) void this.#io.close(() => resolve());
      else resolve();
    });
    this.#io = undefined;
    const server = this.#server;
    this.#server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // ── traffic and login ───────────────────────────────────────────────────────────

  /** A customer writes: stored for history, and pushed unless `live` is false. */
  receive(
    profileId: string,
    jid: string,
    text: string,
    options: {
      live?: boolean;
      name?: string;
      at?: Date;
      type?: string;
      quotedMessageId?: string;
    } = {},
  ): SimMessage {
    const conversation = this.state.conversation(profileId, jid, options.name);
    const message = this.state.add(conversation, {
      direction: 'incoming',
      content: text ? { text } : {},
      status: 'received',
      ...(options.type ? { type: options.type } : {}),
      ...(options.at ? { at: options.at } : {}),
      ...(options.quotedMessageId ? { quotedMessageId: options.quotedMessageId } : {}),
    });
    if (options.live ?? true) this.#pushMessage(profileId, conversation, message);
    return message;
  }

  /** The phone scans the current QR: the profile connects (or, with another number, fails). */
  scan(profileId: string, options: { phone?: string } = {}): void {
    const profile = this.state.profile(profileId)!;
    clearTimeout(this.#qrTimers.get(profileId));
    this.#qrTimers.delete(profileId);
    const phone = options.phone ?? profile.expectedPhone;
    if (phone !== profile.expectedPhone) {
      profile.status = 'disconnected';
      this.#emit(profileId, 'connection:status', 'session.status', {
        profileId,
        status: 'error',
        reason: `Scanned WA number ${phone} does not match expected ${profile.expectedPhone}`,
      });
      return;
    }
    profile.status = 'connected';
    profile.phoneNumber = phone;
    this.#emit(profileId, 'connection:status', 'session.status', {
      profileId,
      status: 'connected',
      phoneNumber: phone,
      phone,
    });
  }

  /** The engine's own auto-retry, as MultiWA reports it. */
  reconnecting(profileId: string, attempt: number): void {
    this.#emit(profileId, 'connection:status', 'session.status', {
      profileId,
      status: `reconnecting (${attempt}/3)`,
    });
  }

  currentQr(profileId: string): string | undefined {
    return this.#qrs.get(profileId);
  }

  /** Sends raw text to every raw-protocol socket of a profile. */
  sendRawFrame(profileId: string, frame: string): void {
    for (const [ws, subscribed] of this.#rawClients) if (subscribed === profileId) ws.send(frame);
  }

  emitSocketIo(event: string, payload: unknown): void {
    this.#io?.of('/ws').emit(event, payload);
  }

  dropSockets(): void {
    for (const ws of this.#rawClients.keys()) ws.terminate();
    this.#io?.of('/ws').disconnectSockets(true);
  }

  // ── real-time ────────────────────────────────────────────────────────────────────

  #setupSocketIo(io: SocketIoServer): void {
    const ns = io.of('/ws');
    ns.use((socket, next) => {
      const auth = socket.handshake.auth as { apiKey?: string; token?: string };
      if (auth.apiKey === this.options.apiKey || auth.token === this.options.apiKey) return next();
      next(new Error('Unauthorized'));
    });
    ns.on('connection', (socket) => {
      // MultiWA's RealtimeGateway shares /ws with the EventsGateway: every connection gets its
      // acknowledgement on `message`, and `message` also takes its subscribe/ping envelopes.
      socket.emit('message', {
        type: 'ack',
        payload: {
          message: 'Connected to MultiWA WebSocket API',
          clientId: socket.id,
          timestamp: new Date().toISOString(),
        },
      });
      socket.on(
        'message',
        (
          frame:
            | {
                type?: string;
                payload?: { profileId?: string; sessionId?: string; events?: string[] };
                requestId?: string;
              }
            | undefined,
        ) => {
          if (frame?.type === 'subscribe') {
            const profileId = frame.payload?.profileId ?? frame.payload?.sessionId;
            if (!frame.payload?.events?.length)
              return socket.emit('message', {
                type: 'error',
                payload: { error: 'Events array is required' },
                requestId: frame.requestId,
              });
            if (!profileId)
              return socket.emit('message', {
                type: 'error',
                payload: { error: 'profileId or sessionId is required' },
                requestId: frame.requestId,
              });
            this.#envelopeClients.set(socket.id, profileId);
            socket.emit('message', {
              type: 'ack',
              payload: { action: 'subscribed', profileId, events: frame.payload.events },
              requestId: frame.requestId,
            });
          } else if (frame?.type === 'ping') {
            socket.emit('message', {
              type: 'pong',
              payload: { timestamp: new Date().toISOString() },
              requestId: frame.requestId,
            });
          } else {
            socket.emit('message', {
              type: 'error',
              payload: { error: 'Unknown message type' },
              requestId: frame?.requestId,
            });
          }
        },
      );
      socket.on('disconnect', () => this.#envelopeClients.delete(socket.id));
      const join = (data: { profileId?: string }, ack?: (reply: unknown) => void) => {
        const profile = data?.profileId ? this.state.profile(data.profileId) : undefined;
        if (!profile) return ack?.({ success: false, error: 'Forbidden' });
        void socket.join(`profile:${profile.id}`);
        ack?.({ success: true, profileId: profile.id });
      };
      socket.on('join', join);
      socket.on('subscribe:profile', join);
      socket.on(
        'unsubscribe:profile',
        (data: { profileId?: string }, ack?: (r: unknown) => void) => {
          if (data?.profileId) void socket.leave(`profile:${data.profileId}`);
          ack?.({ success: true, profileId: data?.profileId });
        },
      );
    });
  }

  #acceptRaw(ws: WebSocket): void {
    this.#rawClients.set(ws, undefined);
    ws.on('close', () => this.#rawClients.delete(ws));
    ws.send(
      JSON.stringify({
        type: 'ack',
        payload: {
          message: 'Connected to MultiWA WebSocket API',
          clientId: randomBytes(4).toString('hex'),
          timestamp: new Date().toISOString(),
        },
      }),
    );
    ws.on('message', (data) => {
      let frame: {
        type?: string;
        payload?: { profileId?: string; sessionId?: string; events?: string[] };
        requestId?: string;
      };
      try {
        frame = JSON.parse(data.toString()) as typeof frame;
        this.rawReceived.push(frame);
      } catch {
        return ws.send(JSON.stringify({ type: 'error', payload: { error: 'Invalid JSON' } }));
      }
      if (frame.type === 'subscribe') {
        const profileId = frame.payload?.profileId ?? frame.payload?.sessionId;
        if (!profileId || !this.state.profile(profileId))
          return ws.send(
            JSON.stringify({
              type: 'error',
              payload: { error: 'Unknown profile' },
              requestId: frame.requestId,
            }),
          );
        this.#rawClients.set(ws, profileId);
        ws.send(
          JSON.stringify({
            type: 'ack',
            payload: { action: 'subscribed', profileId, events: frame.payload?.events ?? ['*'] },
            requestId: frame.requestId,
          }),
        );
      } else if (frame.type === 'unsubscribe') {
        this.#rawClients.set(ws, undefined);
        ws.send(
          JSON.stringify({
            type: 'ack',
            payload: { action: 'unsubscribed' },
            requestId: frame.requestId,
          }),
        );
      } else if (frame.type === 'ping' && (this.pings++, this.pongs)) {
        ws.send(
          JSON.stringify({
            type: 'pong',
            payload: { timestamp: new Date().toISOString() },
            requestId: frame.requestId,
          }),
        );
      }
    });
  }

  /** One occurrence, in both protocols' words. */
  #emit(
    profileId: string,
    socketIoEvent: string,
    rawEvent: string,
    socketIoPayload: unknown,
    rawData: unknown = socketIoPayload,
  ): void {
    this.#io?.of('/ws').to(`profile:${profileId}`).emit(socketIoEvent, socketIoPayload);
    const envelope = {
      type: 'event',
      payload: { event: rawEvent, profileId, data: rawData, timestamp: new Date().toISOString() },
    };
    const frame = JSON.stringify(envelope);
    for (const [ws, subscribed] of this.#rawClients) if (subscribed === profileId) ws.send(frame);
    for (const [id, subscribed] of this.#envelopeClients)
      if (subscribed === profileId) this.#io?.of('/ws').sockets.get(id)?.emit('message', envelope);
  }

  #pushMessage(profileId: string, conversation: SimConversation, message: SimMessage): void {
    this.#emit(
      profileId,
      'message',
      'message.received',
      { type: 'message:received', message, conversation },
      {
        id: message.messageId,
        from: conversation.jid,
        body: message.content.text ?? message.content.caption ?? '',
        type: message.type === 'text' ? 'chat' : message.type,
        timestamp: message.timestamp,
        hasMedia: Boolean(message.content.url),
        notifyName: conversation.name,
      },
    );
  }

  #rotateQr(profile: SimProfile): void {
    const next = async () => {
      const raw = `2@${randomBytes(24).toString('base64')},${randomBytes(16).toString('base64')},${Date.now()}`;
      this.#qrs.set(profile.id, raw);
      const dataUrl = await QRCode.toDataURL(raw, { width: 256 });
      if (profile.status !== 'connecting') return;
      if (this.options.pushQr)
        this.#emit(
          profile.id,
          'qr:update',
          'qr.updated',
          { profileId: profile.id, qrCode: dataUrl },
          { qr: raw },
        );
      this.#qrTimers.set(
        profile.id,
        setTimeout(() => void next(), this.options.qrRotateMs),
      );
    };
    void next();
  }

  #later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      fn();
    }, ms);
    this.#timers.add(timer);
  }

  // ── REST ─────────────────────────────────────────────────────────────────────────

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://sim');
    let reply: Reply;
    if (!url.pathname.startsWith('/api/v1/'))
      reply = [404, { statusCode: 404, message: 'Cannot GET ' + url.pathname, error: 'Not Found' }];
    else if (
      req.headers['x-api-key'] !== this.options.apiKey &&
      req.headers.authorization !== `Bearer ${this.options.apiKey}`
    )
      reply = [401, { statusCode: 401, message: 'Invalid API key', error: 'Unauthorized' }];
    else {
      let body: Record<string, unknown> = {};
      try {
        body = chunks.length
          ? (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>)
          : {};
      } catch {
        reply = [400, { statusCode: 400, message: ['body must be JSON'], error: 'Bad Request' }];
      }
      this.requests.push(`${req.method ?? 'GET'} ${url.pathname}`);
      reply ??= await this.#route(req.method ?? 'GET', url, body);
    }
    res.writeHead(reply[0], { 'content-type': 'application/json' }).end(JSON.stringify(reply[1]));
  }

  async #route(method: string, url: URL, body: Record<string, unknown>): Promise<Reply> {
    const path = url.pathname.slice('/api/v1'.length);
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/profiles')
      return [200, this.state.profiles.map(({ expectedPhone: _e, ...p }) => p)];
    if (method === 'POST' && (m = /^\/profiles\/([^/]+)\/connect$/.exec(path)))
      return this.#connect(m[1]!);
    if (method === 'POST' && (m = /^\/profiles\/([^/]+)\/disconnect$/.exec(path)))
      return this.#disconnect(m[1]!);
    if (method === 'GET' && (m = /^\/accounts\/[^/]+\/profiles\/([^/]+)\/qr$/.exec(path))) {
      const qr = this.#qrs.get(m[1]!);
      return qr
        ? [200, { qrCode: qr }]
        : [404, { statusCode: 404, message: 'No QR code available' }];
    }
    if (method === 'GET' && path === '/conversations') {
      const profileId = url.searchParams.get('profileId');
      const limit = Number(url.searchParams.get('limit') ?? 20);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const list = [...this.state.conversations.values()]
        .filter((c) => c.profileId === profileId && c.lastMessageAt)
        .sort((a, b) => Date.parse(b.lastMessageAt!) - Date.parse(a.lastMessageAt!));
      const page = list.slice(offset, offset + limit);
      // MultiWA's code answers `{conversations, total}`; its documentation shows `{success, data}`.
      return [
        200,
        this.options.listShape === 'documented'
          ? { success: true, data: page }
          : { conversations: page, total: list.length },
      ];
    }
    if (method === 'GET' && (m = /^\/conversations\/([^/]+)\/messages$/.exec(path))) {
      const list = this.state.messages.get(m[1]!);
      if (!list) return [404, { statusCode: 404, message: 'Conversation not found' }];
      const before = url.searchParams.get('before');
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const newestFirst = [...list].reverse();
      const start = before ? newestFirst.findIndex((x) => x.id === before) + 1 : 0;
      const page = newestFirst.slice(start, start + limit);
      return [
        200,
        this.options.listShape === 'documented'
          ? { success: true, data: page }
          : { messages: page, hasMore: start + limit < newestFirst.length },
      ];
    }
    if (method === 'GET' && (m = /^\/messages\/([^/]+)$/.exec(path))) {
      const found = this.state.find(decodeURIComponent(m[1]!));
      return found
        ? [200, { success: true, data: found }]
        : [404, { statusCode: 404, message: 'Message not found' }];
    }
    if (method === 'POST' && path === '/messages/mark-read') {
      this.markedRead.push(body);
      return [201, { success: true }];
    }
    if (
      method === 'POST' &&
      (m = /^\/messages\/(text|image|video|audio|document|location|reaction)$/.exec(path))
    ) {
      const reply = this.#send(m[1]!, body);
      // The message is stored and goes out; only its answer is lost (a crash mid-request).
      if (this.stallSendReplies) await new Promise<never>(() => undefined);
      return reply;
    }
    return [
      404,
      { statusCode: 404, message: `Cannot ${method} ${url.pathname}`, error: 'Not Found' },
    ];
  }

  #connect(profileId: string): Reply {
    const profile = this.state.profile(profileId);
    if (!profile) return [404, { statusCode: 404, message: 'Profile not found' }];
    if (profile.status === 'connected') return [201, { status: 'already_connected' }];
    profile.status = 'connecting';
    this.#later(20, () => this.#rotateQr(profile));
    return [201, { status: 'connecting', message: 'Scan QR code to connect' }];
  }

  #disconnect(profileId: string): Reply {
    const profile = this.state.profile(profileId);
    if (!profile) return [404, { statusCode: 404, message: 'Profile not found' }];
    clearTimeout(this.#qrTimers.get(profileId));
    profile.status = 'disconnected';
    this.#emit(profileId, 'connection:status', 'session.status', {
      profileId,
      status: 'disconnected',
    });
    return [201, { success: true }];
  }

  #send(kind: string, body: Record<string, unknown>): Reply {
    const profile =
      typeof body.profileId === 'string' ? this.state.profile(body.profileId) : undefined;
    if (!profile)
      return [
        400,
        { statusCode: 400, message: ['profileId must be a valid profile'], error: 'Bad Request' },
      ];
    if (kind === 'reaction') {
      const target =
        typeof body.messageId === 'string' ? this.state.find(body.messageId) : undefined;
      if (!target) return [404, { statusCode: 404, message: 'Message not found' }];
      this.reactions.push({ messageId: body.messageId, emoji: body.emoji });
      return [201, { success: true }];
    }
    const to = typeof body.to === 'string' ? body.to : '';
    if (
      !/^(\+?[\d\s-]{7,15}|[\w.-]+@(c\.us|s\.whatsapp\.net|g\.us|lid|broadcast|newsletter))$/.test(
        to,
      )
    ) {
      return [
        400,
        {
          statusCode: 400,
          message: ['to must be a phone number or a WhatsApp JID'],
          error: 'Bad Request',
        },
      ];
    }
    if (kind === 'text' && (typeof body.text !== 'string' || !body.text.trim()))
      return [
        400,
        { statusCode: 400, message: ['text should not be empty'], error: 'Bad Request' },
      ];
    if (kind === 'document' && typeof body.filename !== 'string')
      return [
        400,
        { statusCode: 400, message: ['filename must be a string'], error: 'Bad Request' },
      ];
    if (
      kind !== 'text' &&
      kind !== 'location' &&
      typeof body.url !== 'string' &&
      typeof body.base64 !== 'string'
    )
      return [
        400,
        { statusCode: 400, message: ['url or base64 is required'], error: 'Bad Request' },
      ];
    const count = (this.state.sentToday.get(profile.id) ?? 0) + 1;
    if (count > this.options.dailyLimit) {
      const resetAt = new Date(Date.now() + 6 * 3600_000).toISOString();
      return [
        429,
        {
          error: 'DAILY_LIMIT_REACHED',
          limit: this.options.dailyLimit,
          count: this.options.dailyLimit,
          resetAt,
        },
      ];
    }
    this.state.sentToday.set(profile.id, count);
    const jid = to.includes('@') ? to : `${to.replace(/\D/g, '')}@c.us`;
    const conversation = this.state.conversation(profile.id, jid);
    const content: Record<string, unknown> = { ...body };
    delete content.profileId;
    delete content.to;
    const quoted =
      typeof content.quotedMessageId === 'string' ? content.quotedMessageId : undefined;
    delete content.quotedMessageId;
    if (typeof content.base64 === 'string') {
      content.url = `${this.baseUrl}/media/${randomBytes(6).toString('hex')}`;
      delete content.base64;
    }
    const message = this.state.add(conversation, {
      direction: 'outgoing',
      type: kind,
      content,
      status: 'pending',
      ...(quoted ? { quotedMessageId: quoted } : {}),
    });
    conversation.unreadCount = 0;
    if (this.options.ackStepMs > 0) {
      ['sent', 'delivered', 'read'].forEach((status, i) =>
        this.#later(this.options.ackStepMs * (i + 1), () => {
          message.status = status;
          this.#emit(
            profile.id,
            'message:ack',
            'message.ack',
            { profileId: profile.id, messageId: message.messageId, status },
            { messageId: message.messageId, status, ack: i + 1 },
          );
        }),
      );
    }
    return this.options.sendReply === 'docs'
      ? [
          201,
          {
            success: true,
            data: { messageId: message.messageId, status: 'sent', timestamp: message.timestamp },
          },
        ]
      : [
          201,
          {
            success: true,
            messageId: message.id,
            conversationId: conversation.id,
            status: 'queued',
          },
        ];
  }
}
