import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { createHmac, randomBytes } from 'node:crypto';
import { checksumOf, type Params } from '../checksum.node.ts';
import { PhoenixServer, type ChannelHandle } from './phoenixServer.node.ts';
import { Deliveries, type SimDelivery } from './deliveries.node.ts';

export interface ChategySimulatorOptions {
  customerId?: number;
  idempotencyKey?: string;
  developerKey?: string;
  /** Origins the sign-in sockets accept; empty accepts any (Chategy allow-lists them). */
  allowedOrigins?: string[];
  /** Telegram's login: the code the "phone" receives, and an optional cloud password. */
  telegramCode?: string;
  telegramPassword?: string | null;
  maxCode?: string;
  /** A fresh WhatsApp pairing code this often while unscanned. */
  qrRotateMs?: number;
  /** Time between a delivery's status steps; 0 turns progressions off. */
  stepMs?: number;
  /** Answers /delivery and /send_file this late (after accepting): a client timeout. */
  responseDelayMs?: number;
  /** Numbers that are not on WhatsApp: a delivery there fails (44) and cascades. */
  notOnWhatsApp?: string[];
  /** WhatsApp receipt webhooks (message_status); false: only polls and callbacks tell how a delivery ends. */
  whatsAppReceipts?: boolean;
  /** POST a delivery's final status to its `callback_url`; false: only polls tell. */
  sendCallbacks?: boolean;
  /** `instance`: payload.instance{id,customer_id}; `flat`: payload.customer_id (live form). */
  payloadShape?: 'instance' | 'flat';
  balance?: string;
  subscriptionStatus?: 'active' | 'inactive';
  sessions?: { whatsapp?: number; tdlib?: number; max?: number };
  /** How the Phoenix socket writes join_ref/ref: integers as in Chategy's samples (default), or strings as Phoenix echoes them. */
  phoenixRefs?: 'integer' | 'string';
}

export interface WebhookDelivery {
  url: string;
  status: number;
  body: { type: string; payload: Record<string, unknown> };
}

/**
 * A stand-in for Chategy: the REST paths (Bearer and developer keys, the seed's 401/404/409/
 * 422 bodies, checksum verification), a Phoenix V2 socket serving both sign-in topics,
 * deliveries whose statuses progress (with a WhatsApp → SMS cascade), and webhooks POSTed
 * for real to every registered URL.
 */
export class ChategySimulator {
  readonly options: Required<Omit<ChategySimulatorOptions, 'sessions'>>;
  readonly token: string;
  readonly instanceId = 6329;
  readonly sessions: { whatsapp: number; tdlib: number; max: number };
  readonly webhooks: { id: number; url: string; types: string[] }[] = [];
  readonly posted: WebhookDelivery[] = [];
  readonly deliveries: Deliveries;
  /** Requests as received, for assertions on what the client sent. */
  readonly requests: { method: string; path: string; params: Params; checksum?: string }[] = [];
  readonly phoenix: PhoenixServer;
  pairingAborted = 0;
  /** Files behind the simulator's "pre-signed" links, as object storage would serve them. */
  readonly files = new Map<string, { mime: string; data: Buffer }>();
  #server: http.Server | undefined;
  #qrTimer: NodeJS.Timeout | undefined;
  #qr: string | null = null;
  #webhookId = 56;
  #maxAwaitingCode = false;
  #seenChecksums = new Set<string>();

  constructor(options: ChategySimulatorOptions = {}) {
    this.options = {
      customerId: 813,
      idempotencyKey: 'Z5F2idBj',
      developerKey: 'dev_simulator_key',
      allowedOrigins: [],
      telegramCode: '12345',
      telegramPassword: null,
      maxCode: '848158',
      qrRotateMs: 20_000,
      stepMs: 40,
      responseDelayMs: 0,
      notOnWhatsApp: [],
      whatsAppReceipts: true,
      sendCallbacks: true,
      payloadShape: 'instance',
      balance: '780.70',
      subscriptionStatus: 'active',
      phoenixRefs: 'integer',
      ...options,
    };
    this.sessions = { whatsapp: 0, tdlib: 0, max: 0, ...options.sessions };
    this.token = jwt({ customer_id: this.options.customerId, datetime: 1600720590 });
    this.deliveries = new Deliveries(this, this.options);
    this.phoenix = new PhoenixServer('/socket/websocket', {
      authorize: (params, origin) =>
        params.get('token') === this.token &&
        (!this.options.allowedOrigins.length || this.options.allowedOrigins.includes(origin ?? '')),
      join: (channel) => this.#join(channel),
      joined: (channel) => this.#joined(channel),
      push: (channel, event, payload) => this.#push(channel, event, payload),
    });
    this.phoenix.refs = this.options.phoenixRefs;
  }

  get base(): string {
    return `http://127.0.0.1:${(this.#server?.address() as { port: number } | undefined)?.port ?? 0}`;
  }

  accountConfig(): Record<string, string> {
    return {
      apiBase: this.base,
      developerBase: this.base,
      telegramSocket: `${this.base.replace('http', 'ws')}/socket`,
      whatsappSocket: `${this.base.replace('http', 'ws')}/socket`,
    };
  }

  async start(port = 0): Promise<this> {
    this.#server = http.createServer((req, res) => void this.#handle(req, res));
    this.phoenix.attach(this.#server);
    await new Promise<void>((resolve) => this.#server!.listen(port, '127.0.0.1', () => resolve()));
    return this;
  }

  async stop(): Promise<void> {
    clearInterval(this.#qrTimer);
    this.deliveries.stop();
    this.phoenix.close();
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.#server ? this.#server.close(() => resolve()) : resolve(),
    );
  }

  // ── traffic a test or the demo drives ─────────────────────────────────────────────

  instance(): Record<string, unknown> {
    return this.options.payloadShape === 'flat'
      ? { customer_id: this.options.customerId }
      : { instance: { id: this.instanceId, customer_id: this.options.customerId } };
  }

  /** A WhatsApp contact writes. */
  receiveWhatsApp(
    from: string,
    text: string,
    extra: {
      file?: { mime: string; url: string; caption?: string };
      replyTo?: string;
      name?: string;
    } = {},
  ) {
    const id = `false_${from}@c.us_3B${randomBytes(9).toString('hex').toUpperCase()}`;
    return this.post('whatsapp_incoming_msg', {
      ...this.instance(),
      new_message: {
        message: {
          id,
          timestamp: Math.floor(Date.now() / 1000),
          type: extra.file ? (extra.file.mime.startsWith('image/') ? 'image' : 'document') : 'text',
          // As the live service does, a file's message has its (often empty) text beside the caption.
          text,
          ...(extra.file
            ? {
                file_data: {
                  mime_type: extra.file.mime,
                  caption: extra.file.caption ?? null,
                  download_url: extra.file.url,
                },
              }
            : {}),
          reply_to_message_id: extra.replyTo ?? null,
        },
        direction: 'incoming',
        sender_id: `${from}@c.us`,
        chat_id: `${from}@c.us`,
        sender_name: `\u202a+${from}\u202c`,
        chat_lid: `${from.slice(-8)}451@lid`,
        pushname: extra.name ?? `Customer ${from.slice(-4)}`,
        chat_phone: from,
        sender_phone_number: from,
      },
      delivery_id: null,
    }).then((d) => ({ ...d, id }));
  }

  /** A Telegram (TDLib) or MAX contact writes: the flat payload. */
  receiveFlat(
    kind: 'tdlib' | 'max' | 'telegram_bot',
    chatId: number | string,
    text: string,
    extra: {
      name?: string;
      phone?: string;
      messageId?: number | string;
      replyTo?: number | string;
      typeCase?: string;
      group?: string;
    } = {},
  ) {
    const messageId = extra.messageId ?? Math.floor(Math.random() * 1e11);
    return this.post(`${kind}_incoming_msg`, {
      ...this.instance(),
      chat_id: chatId,
      chat_type: extra.group ? 'group' : 'person',
      ...(extra.group ? { chat_name: extra.group } : {}),
      delivery_id: null,
      direction: 'incoming',
      message: {
        id: messageId,
        text,
        timestamp: Math.floor(Date.now() / 1000),
        type: extra.typeCase ?? 'formattedText',
        ...(extra.replyTo ? { reply_to_message_id: extra.replyTo } : {}),
      },
      sender_id: typeof chatId === 'number' && chatId > 0 ? chatId : 4335465,
      sender_name: extra.name ?? 'Telegram user',
      sender_phone_number: extra.phone ?? '995550846453',
    }).then((d) => ({ ...d, messageId }));
  }

  /** Subscribes `url` to every event type, as registering a webhook in the cabinet would. */
  subscribe(url: string): void {
    this.webhooks.push({ id: ++this.#webhookId, url, types: [...WEBHOOK_TYPES] });
  }

  /** Puts a file behind a signed-looking link that lives 48 hours, as Chategy's webhooks carry. */
  hostFile(name: string, mime: string, data: Buffer): string {
    const key = `${randomBytes(4).toString('hex')}/${encodeURIComponent(name)}`;
    this.files.set(key, { mime, data });
    return `${this.base}/files/${key}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=172800&X-Amz-Signature=${randomBytes(16).toString('hex')}`;
  }

  /** The phone has read the code and is linking: the server says `in_progress` until it is done. */
  scanStarts(): void {
    clearInterval(this.#qrTimer);
    for (const channel of this.#whatsAppChannels())
      channel.push('auth_state', { auth: false, in_progress: true, qr_code: null });
  }

  /** The user scans the QR with their phone. */
  scan(): void {
    clearInterval(this.#qrTimer);
    this.#qr = null;
    for (const channel of this.#whatsAppChannels())
      channel.push('auth_state', { auth: false, in_progress: true });
    this.sessions.whatsapp = 1;
    for (const channel of this.#whatsAppChannels()) channel.push('auth_state', { auth: true });
    void this.post('whatsapp_log_in', {
      instance: {
        id: this.instanceId,
        status: { description: 'connected', status_id: 0 },
        phone: '+995598464533',
        email: 'shop@example.com',
        customer_id: this.options.customerId,
      },
    });
  }

  currentQr(): string | null {
    return this.#qr;
  }

  /** POSTs a webhook to every URL subscribed to its type, as Chategy does. */
  async post(type: string, payload: Record<string, unknown>): Promise<WebhookDelivery> {
    // Body types without a subscription of their own ride on their family's.
    const family: Record<string, string> = {
      message_status: 'whatsapp_status_msg',
      tdlib_call: 'tdlib_incoming_msg',
      whatsapp_call: 'whatsapp_incoming_msg',
    };
    const targets = this.webhooks.filter(
      (w) =>
        w.types.includes(type) || (family[type] !== undefined && w.types.includes(family[type])),
    );
    if (!targets.length) throw new Error(`no webhook subscribed to ${type}`);
    let last: WebhookDelivery | undefined;
    for (const target of targets) last = await this.postTo(target.url, { type, payload });
    return last!;
  }

  async postTo(url: string, body: unknown): Promise<WebhookDelivery> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    await response.arrayBuffer();
    const delivery = { url, status: response.status, body: body as WebhookDelivery['body'] };
    this.posted.push(delivery);
    return delivery;
  }

  // ── Phoenix topics ────────────────────────────────────────────────────────────────

  #whatsAppChannels(): ChannelHandle[] {
    return [...this.phoenix.channels].filter((c) => c.topic.startsWith('room:v1:whats_app:auth:'));
  }

  #join(channel: ChannelHandle) {
    if (channel.topic === 'room:v1:telegram:auth') return { status: 'ok' as const, response: {} };
    if (channel.topic === `room:v1:whats_app:auth:${this.options.customerId}`)
      return { status: 'ok' as const, response: {} };
    return { status: 'error' as const, response: { reason: 'unmatched topic' } };
  }

  #joined(channel: ChannelHandle): void {
    if (channel.topic === 'room:v1:telegram:auth')
      return channel.push('auth_state', { status: TDLIB[this.sessions.tdlib] ?? 'wait_phone' });
    if (this.sessions.whatsapp === 1) return channel.push('auth_state', { auth: true });
    // "Creating a container": nothing to scan yet, then a code that keeps changing.
    channel.push('auth_state', { auth: false, qr_code: null });
    const rotate = () => {
      this.#qr = `2@${randomBytes(24).toString('base64')},${randomBytes(24).toString('base64')},${randomBytes(24).toString('base64')}=`;
      for (const c of this.#whatsAppChannels())
        c.push('auth_state', { auth: false, qr_code: this.#qr });
    };
    setTimeout(rotate, 20);
    clearInterval(this.#qrTimer);
    this.#qrTimer = setInterval(rotate, this.options.qrRotateMs);
  }

  #push(channel: ChannelHandle, event: string, payload: Record<string, unknown>) {
    if (channel.topic !== 'room:v1:telegram:auth')
      return { status: 'error' as const, response: { reason: 'unknown event' } };
    const fail = (field: string, message: string) => ({
      status: 'error' as const,
      response: {
        meta: { code: 422, errors: { [field]: [message] }, status: 'failed', status_id: null },
      },
    });
    const advance = (session: number) => {
      this.sessions.tdlib = session;
      setTimeout(() => {
        for (const c of this.phoenix.channels)
          if (c.topic === 'room:v1:telegram:auth') c.push('auth_state', { status: TDLIB[session] });
      }, 5);
      return { status: 'ok' as const, response: {} };
    };
    switch (event) {
      case 'send_phone': {
        const phone = String(payload.phone ?? '');
        if (this.sessions.tdlib !== 0) return fail('base', 'unexpected phone');
        return /^\d{10,15}$/.test(phone) ? advance(1) : fail('base', 'invalid phone');
      }
      case 'send_code':
        if (this.sessions.tdlib !== 1) return fail('base', 'unexpected code');
        if (String(payload.code ?? '') !== this.options.telegramCode)
          return fail('base', 'invalid code');
        return advance(this.options.telegramPassword ? 2 : 3);
      case 'send_password':
        if (this.sessions.tdlib !== 2) return fail('base', 'unexpected password');
        return String(payload.password ?? '') === this.options.telegramPassword
          ? advance(3)
          : fail('base', 'invalid password');
      case 'reset':
        return advance(0);
      default:
        return { status: 'error' as const, response: { reason: 'unknown event' } };
    }
  }

  // ── REST ──────────────────────────────────────────────────────────────────────────

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.base);
    const params = paramsOf(url.searchParams);
    const path = url.pathname.replace(/\/+$/, '');
    const checksum = req.headers.checksum as string | undefined;
    this.requests.push({
      method: req.method ?? 'GET',
      path,
      params,
      ...(checksum ? { checksum } : {}),
    });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    const ok = (body: Record<string, unknown> = {}) =>
      send(200, { meta: { code: 200, status: 'success' }, ...body });
    const unprocessable = (errors: Record<string, string[]>, statusId: number | null = null) =>
      send(422, {
        meta: {
          code: 422,
          message: 'Unprocessable Entity',
          status: 'fail',
          errors,
          status_id: statusId,
        },
      });
    const notFound = () => send(404, { meta: { code: 404, message: 'Not found', status: 'fail' } });

    if (req.method === 'GET' && path.startsWith('/files/')) {
      const file = this.files.get(path.slice('/files/'.length));
      if (!file) return send(404, { message: 'NoSuchKey' });
      res.writeHead(200, { 'content-type': file.mime, 'content-length': file.data.length });
      return void res.end(file.data);
    }
    if (path.startsWith('/developer/v1/')) {
      if (req.headers.authorization !== this.options.developerKey)
        return send(401, { meta: { code: 401, message: 'Not authorized!', status: 'fail' } });
      if (path === '/developer/v1/webhooks')
        return this.#webhookRoute(req.method, params, ok, unprocessable);
      const hook = /^\/developer\/v1\/webhooks\/(\d+)$/.exec(path);
      if (hook) return this.#webhookItem(req.method, Number(hook[1]), ok, notFound);
      if (req.method === 'GET' && path === `/developer/v1/instances/${this.options.customerId}`) {
        return ok({
          instance: {
            id: this.instanceId,
            customer_id: this.options.customerId,
            token: this.token,
            whatsapp_session: this.sessions.whatsapp,
            tdlib_session: this.sessions.tdlib,
            subscription_status: this.options.subscriptionStatus,
          },
        });
      }
      if (
        req.method === 'DELETE' &&
        path === `/developer/v1/instances/${this.instanceId}/delete_container_session`
      ) {
        this.pairingAborted += 1;
        clearInterval(this.#qrTimer);
        return ok();
      }
      return notFound();
    }
    if (req.headers.authorization !== `Bearer ${this.token}`)
      return send(401, { meta: { code: 401, message: 'Not authorized!', status: 'fail' } });

    if (req.method === 'GET' && path === '/api/v1/account') {
      return ok({
        account: {
          token: this.token,
          total_amount: this.options.balance,
          customer_id: this.options.customerId,
          dispatch_routing: ['sms'],
          subscription_paid_until: '2027-07-01',
          sender_names: ['PUSHSMS.RU'],
          tdlib_session: this.sessions.tdlib,
          whatsapp_session: this.sessions.whatsapp,
          max_session: this.sessions.max,
          subscription_status: this.options.subscriptionStatus,
          subscription_cost: '100.00',
        },
      });
    }
    if (path === '/api/v1/webhooks')
      return this.#webhookRoute(req.method, params, ok, unprocessable);
    const hook = /^\/api\/v1\/webhooks\/(\d+)$/.exec(path);
    if (hook) return this.#webhookItem(req.method, Number(hook[1]), ok, notFound);

    if (req.method === 'POST' && (path === '/api/v1/delivery' || path === '/api/v1/send_file')) {
      if (checksum !== undefined) {
        if (
          !/^[0-9a-f]{64}$/.test(checksum) ||
          checksum !== checksumOf(params, this.options.idempotencyKey)
        )
          return send(400, { meta: { status: 'fail', message: 'Invalid checksum', code: 400 } });
        if (this.#seenChecksums.has(checksum))
          return send(409, {
            meta: {
              status: 'fail',
              message: 'Request with current params has already been received',
              code: 409,
            },
          });
      }
      let file: { name: string; mime: string; size: number } | undefined;
      if (path === '/api/v1/send_file') {
        const form = await new Request(url, {
          method: 'POST',
          headers: req.headers as Record<string, string>,
          body: req as unknown as ReadableStream,
          duplex: 'half',
        } as RequestInit)
          .formData()
          .catch(() => null);
        const part = form?.get('file');
        if (!part || typeof part === 'string')
          return unprocessable({ file: ["file can't be blank"] });
        if (!params.file_name) return unprocessable({ file_name: ["file_name can't be blank"] });
        if (!ALLOWED.has(part.type.toLowerCase()))
          return unprocessable({ base: ['invalid mime type'] });
        if (part.size > 100 * 1024 * 1024) return unprocessable({ file: ['file is too big'] });
        file = { name: String(params.file_name), mime: part.type, size: part.size };
      } else if (!String(params.text ?? '').trim()) {
        return unprocessable({ text: ['the text cannot be empty'] });
      }
      if (
        !params.phone &&
        !params.tdlib_user_id &&
        !params.max_user_id &&
        !params.whatsapp_lid &&
        !params.username
      )
        return unprocessable({ phone: ["phone can't be blank"] });
      if (checksum) this.#seenChecksums.add(checksum);
      const delivery = this.deliveries.create(params, file);
      if (this.options.responseDelayMs)
        await new Promise((resolve) => setTimeout(resolve, this.options.responseDelayMs));
      return ok({ delivery: this.deliveries.created(delivery) });
    }
    const one = /^\/api\/v1\/delivery\/(\d+)$/.exec(path);
    if (one) {
      const delivery = this.deliveries.get(Number(one[1]));
      if (req.method === 'GET')
        return delivery ? ok({ delivery: this.deliveries.read(delivery) }) : notFound();
      if (req.method === 'DELETE') {
        if (!delivery) return unprocessable({ delivery: ['delivery not found'] });
        if (!['whatsapp', 'tdlib'].includes(delivery.channel))
          return unprocessable({ dispatch_type: ['dispatch_type invalid'] });
        if (delivery.statusId !== 2 && delivery.statusId !== 16)
          return unprocessable({ delivery: ['delivery not_complete'] });
        this.deliveries.remove(delivery);
        return ok();
      }
    }
    if (req.method === 'POST' && path === '/api/v1/max/send_phone') {
      const phone = String(params.phone ?? '');
      if (!phone) return unprocessable({ phone: ["Phone number can't be blank"] });
      if (!/^(7|8)\d{10}$/.test(phone))
        return unprocessable({ phone: ['Phone number has invalid format'] });
      this.#maxAwaitingCode = true;
      this.sessions.max = 1;
      return ok();
    }
    if (req.method === 'POST' && path === '/api/v1/max/send_code') {
      const code = String(params.code ?? '');
      if (!code) return unprocessable({ code: ["code can't be blank"] });
      if (!this.#maxAwaitingCode || code !== this.options.maxCode)
        return unprocessable({ confirmation_code: ['confirmation code invalid'] });
      this.#maxAwaitingCode = false;
      this.sessions.max = 2;
      return ok();
    }
    if (req.method === 'POST' && path === '/api/v1/max/close_session') {
      if (this.sessions.max !== 2)
        return unprocessable({ max_session_closer: ['max_session_closer session_not_found'] });
      this.sessions.max = 0;
      return ok();
    }
    notFound();
  }

  #webhookRoute(
    method: string | undefined,
    params: Params,
    ok: (b?: Record<string, unknown>) => void,
    unprocessable: (e: Record<string, string[]>) => void,
  ): void {
    if (method === 'GET') return ok({ webhooks: this.webhooks });
    if (method !== 'POST') return ok();
    const types = Array.isArray(params.types) ? [...params.types] : [];
    if (!types.length || types.some((t) => !WEBHOOK_TYPES.has(t)))
      return unprocessable({ types: ['types invalid'] });
    const webhook = { id: ++this.#webhookId, url: String(params.url ?? ''), types };
    this.webhooks.push(webhook);
    ok({ webhook });
  }

  #webhookItem(
    method: string | undefined,
    id: number,
    ok: (b?: Record<string, unknown>) => void,
    notFound: () => void,
  ): void {
    const index = this.webhooks.findIndex((w) => w.id === id);
    if (index < 0) return notFound();
    if (method === 'DELETE') this.webhooks.splice(index, 1);
    ok({ webhook: this.webhooks[index] });
  }

  /** For the deliveries model: statuses and echoes go out as the real service sends them. */
  webhookFor(
    delivery: SimDelivery,
    type: 'echo' | 'status',
    status?: string,
  ): Promise<WebhookDelivery> | undefined {
    if (!this.webhooks.length) return undefined;
    if (type === 'status') {
      return this.post('message_status', {
        ...this.instance(),
        delivery_id: delivery.id,
        message_status: {
          id: delivery.messageId,
          status,
          chat_id: `${delivery.recipient}@c.us`,
          chat_lid: null,
        },
      }).catch(() => undefined as never);
    }
    if (delivery.channel === 'whatsapp') {
      return this.post('whatsapp_incoming_msg', {
        ...this.instance(),
        new_message: {
          message: {
            id: delivery.messageId,
            timestamp: Math.floor(Date.now() / 1000),
            type: delivery.file ? 'document' : 'text',
            ...(delivery.file
              ? {
                  file_data: {
                    mime_type: delivery.file.mime,
                    caption: delivery.caption,
                    download_url: `${this.base}/files/${delivery.id}/${encodeURIComponent(delivery.file.name)}`,
                  },
                }
              : { text: delivery.text }),
            reply_to_message_id: delivery.replyTo,
          },
          direction: 'outgoing',
          sender_id: '995598464533@c.us',
          chat_id: `${delivery.recipient}@c.us`,
          chat_phone: delivery.recipient,
          sender_phone_number: '995598464533',
          recipient_id: `${delivery.recipient}@c.us`,
          recipient_phone_number: delivery.recipient,
        },
        delivery_id: delivery.id,
      }).catch(() => undefined as never);
    }
    const type_ = delivery.channel === 'tdlib' ? 'tdlib_incoming_msg' : 'max_incoming_msg';
    return this.post(type_, {
      ...this.instance(),
      chat_id: delivery.recipient,
      chat_type: 'person',
      delivery_id: delivery.id,
      direction: 'outgoing',
      message: {
        id: delivery.messageId,
        text: delivery.text ?? delivery.caption ?? delivery.file?.name ?? '',
        timestamp: Math.floor(Date.now() / 1000),
        type: 'FormattedText',
        ...(delivery.replyTo ? { reply_to_message_id: delivery.replyTo } : {}),
      },
      sender_id: 4335465,
      sender_name: 'Shop',
      sender_phone_number: '995550846453',
      recipient_id: delivery.recipient,
    }).catch(() => undefined as never);
  }
}

const TDLIB = ['wait_phone', 'wait_code', 'wait_password', 'authorized'];

const WEBHOOK_TYPES = new Set([
  'whatsapp_log_out',
  'whatsapp_log_in',
  'whatsapp_incoming_msg',
  'tdlib_incoming_msg',
  'whatsapp_status_msg',
  'telegram_bot_incoming_msg',
  'max_incoming_msg',
  'max_bot_incoming_msg',
  'whatsapp_call',
]);

const ALLOWED = new Set([
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/zip',
  'application/x-7z-compressed',
  'audio/ogg',
  'audio/opus',
  'audio/mpeg',
  'audio/mpeg3',
  'audio/x-mpeg-3',
  'audio/amr',
  'audio/aac',
  'audio/x-hx-aac-adts',
  'audio/amr-wb',
  'audio/amr-wb+',
  'audio/3gpp',
  'audio/3gpp2',
  'image/jpeg',
  'image/png',
  'image/webp',
  'video/mp4',
  'text/x-vcard',
]);

/** Rails-style query parameters: `key[]=a&key[]=b` become arrays under `key`. */
function paramsOf(search: URLSearchParams): Params {
  const params: Record<string, string | string[]> = {};
  for (const [key, value] of search) {
    if (key.endsWith('[]')) ((params[key.slice(0, -2)] ??= []) as string[]).push(value);
    else params[key] = value;
  }
  return params;
}

/** An HS256 JWT like Chategy's client tokens. */
function jwt(payload: Record<string, unknown>): string {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const body = `${part({ alg: 'HS256' })}.${part(payload)}`;
  return `${body}.${createHmac('sha256', 'chategy-simulator').update(body).digest('base64url')}`;
}
