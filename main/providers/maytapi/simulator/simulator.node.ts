import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';

export interface SimPhone {
  id: string;
  number: string;
  status: 'active' | 'qr-code' | 'idle' | 'loading' | 'phone-error' | 'disabled';
}

export interface MaytapiSimulatorOptions {
  productId?: string;
  apiKey?: string;
  phones?: SimPhone[];
  /** Acks are collected and posted together this often (Maytapi: about 2 s). */
  ackBatchMs?: number;
  /** `spec` posts {type:'ack', data:[…]}; `seed` the older bare array. */
  ackShape?: 'spec' | 'seed';
  /** Delay between ack steps 1 → 2 → 3 of a send; 0 turns them off. */
  ackStepMs?: number;
  /** The QR image changes this often until scanned. */
  qrRotateMs?: number;
  /** The seed's older API logs out by POST only; 1.9.1 by GET. */
  logoutMethod?: 'GET' | 'POST';
  /**
   * `seed` speaks seed 002's older generation: camelCase `productId`/`phoneId` (a number) and
   * no `fromMe` on message webhooks, phones listed without a status, a status without `state`,
   * and `ack_delivery` as 0/1.
   */
  generation?: 'spec' | 'seed';
}

interface Delivery {
  status: number;
  body: unknown;
}

/**
 * A stand-in for Maytapi: the REST paths with the x-maytapi-key check, a QR image that
 * changes until "scanned", and webhooks POSTed for real to whatever URL was registered.
 */
export class MaytapiSimulator {
  readonly options: Required<MaytapiSimulatorOptions>;
  readonly phones: SimPhone[];
  readonly sent: Record<string, unknown>[] = [];
  /** Every webhook POST and the status it got back. */
  readonly deliveries: Delivery[] = [];
  webhook: string | null = null;
  /** How long the phone list takes: webhooks sent meanwhile reach a client that does not know its phones yet. */
  listPhonesDelayMs = 0;
  ackPreference = false;
  /** Replies given verbatim instead of the simulated ones, keyed `METHOD /path` below the product (the seeds' samples). */
  readonly verbatim = new Map<string, unknown>();
  /** Every REST call, as `METHOD /path`. */
  readonly requests: string[] = [];
  #server: http.Server | undefined;
  #qr = new Map<string, string>();
  #pendingAcks: Record<string, unknown>[] = [];
  #timers = new Set<NodeJS.Timeout>();
  #ackTimer: NodeJS.Timeout | undefined;
  #qrTimer: NodeJS.Timeout | undefined;

  constructor(options: MaytapiSimulatorOptions = {}) {
    this.options = {
      productId: 'prod-7c1e2f',
      apiKey: 'mt_simulator_key',
      phones: [
        { id: '10101', number: '905301234567', status: 'active' },
        { id: '10102', number: '905309876543', status: 'qr-code' },
      ],
      ackBatchMs: 2000,
      ackShape: 'spec',
      ackStepMs: 50,
      qrRotateMs: 20_000,
      logoutMethod: 'GET',
      generation: 'spec',
      ...options,
    };
    this.phones = this.options.phones.map((p) => ({ ...p }));
  }

  get apiBase(): string {
    return `http://127.0.0.1:${(this.#server?.address() as { port: number } | undefined)?.port ?? 0}/api`;
  }

  accountConfig(): Record<string, string> {
    return { productId: this.options.productId, apiBase: this.apiBase };
  }

  async start(port = 0): Promise<this> {
    this.#server = http.createServer((req, res) => void this.#handle(req, res));
    await new Promise<void>((resolve) => this.#server!.listen(port, '127.0.0.1', () => resolve()));
    this.#rotateQr();
    return this;
  }

  async stop(): Promise<void> {
    for (const t of [...this.#timers, this.#ackTimer, this.#qrTimer]) clearTimeout(t);
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.#server ? this.#server.close(() => resolve()) : resolve(),
    );
  }

  // ── traffic ──────────────────────────────────────────────────────────────────────

  /** A customer writes; delivered as a `message` webhook. */
  receive(
    phoneId: string,
    from: string,
    text: string,
    extra: Record<string, unknown> = {},
  ): Promise<Delivery> {
    if (this.options.generation === 'seed') {
      return this.post({
        productId: this.options.productId,
        phoneId: Number(phoneId),
        message: {
          id: `false_${from}@c.us_3EB0${randomBytes(8).toString('hex').toUpperCase()}`,
          type: 'text',
          text,
          ...extra,
        },
        user: { id: `${from}@c.us`, name: `Customer ${from.slice(-4)}`, phone: from, image: '' },
        conversation: `${from}@c.us`,
        receiver: this.phones.find((p) => p.id === phoneId)?.number,
        timestamp: Math.floor(Date.now() / 1000),
        type: 'message',
        reply: `${this.apiBase}/${this.options.productId}/${phoneId}/sendMessage`,
      });
    }
    return this.post({
      product_id: this.options.productId,
      phone_id: phoneId,
      type: 'message',
      message: {
        id: `false_${from}@c.us_3EB0${randomBytes(8).toString('hex').toUpperCase()}`,
        type: 'text',
        text,
        fromMe: false,
        ...extra,
      },
      user: { id: `${from}@c.us`, name: `Customer ${from.slice(-4)}`, phone: from, image: '' },
      conversation: `${from}@c.us`,
      receiver: this.phones.find((p) => p.id === phoneId)?.number,
      timestamp: Math.floor(Date.now() / 1000),
      reply: `${this.apiBase}/${this.options.productId}/${phoneId}/sendMessage`,
      quoted: null,
    });
  }

  scan(phoneId: string): Promise<Delivery> {
    const phone = this.phones.find((p) => p.id === phoneId)!;
    phone.status = 'active';
    return this.post({
      product_id: this.options.productId,
      phone_id: phoneId,
      type: 'status',
      status: 'active',
    });
  }

  /**
   * The phone's session changes state, told by a status webhook as Maytapi does: `idle` when a
   * QR went unscanned too long, `qr-code` again after a redeploy, with a new code.
   */
  async becomes(phoneId: string, status: SimPhone['status']): Promise<Delivery | undefined> {
    const phone = this.phones.find((p) => p.id === phoneId)!;
    phone.status = status;
    if (status === 'qr-code')
      this.#qr.set(phone.id, `2@${randomBytes(20).toString('base64')},${Date.now()}`);
    if (!this.webhook) return undefined;
    return this.post({
      product_id: this.options.productId,
      phone_id: phoneId,
      type: 'status',
      status,
    });
  }

  currentQr(phoneId: string): string | undefined {
    return this.#qr.get(phoneId);
  }

  /** POSTs a webhook body to the registered URL, as Maytapi does. */
  async post(body: unknown): Promise<Delivery> {
    if (!this.webhook) throw new Error('no webhook registered');
    const response = await fetch(this.webhook, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const delivery = {
      status: response.status,
      body: await response.json().catch(() => undefined),
    };
    this.deliveries.push(delivery);
    return delivery;
  }

  #queueAck(phoneId: string, msgId: string, chatId: string, code: number): void {
    if (!this.ackPreference) return;
    const types = ['', 'delivered', 'reached', 'seen', 'played', 'deleted'];
    this.#pendingAcks.push({
      ackType: types[code],
      ackCode: code,
      chatId,
      msgId,
      time: Math.floor(Date.now() / 1000),
      phone_id: phoneId,
    });
    this.#ackTimer ??= setTimeout(() => void this.#flushAcks(), this.options.ackBatchMs);
  }

  async #flushAcks(): Promise<void> {
    this.#ackTimer = undefined;
    const batch = this.#pendingAcks;
    this.#pendingAcks = [];
    if (!batch.length || !this.webhook) return;
    const seed = batch.map(({ ackType, chatId, msgId }) => ({ ackType, chatId, msgId }));
    await this.post(
      this.options.ackShape === 'seed'
        ? seed
        : { product_id: this.options.productId, type: 'ack', data: batch },
    ).catch(() => undefined);
  }

  #rotateQr(): void {
    for (const phone of this.phones)
      if (phone.status === 'qr-code')
        this.#qr.set(phone.id, `2@${randomBytes(20).toString('base64')},${Date.now()}`);
    this.#qrTimer = setTimeout(() => this.#rotateQr(), this.options.qrRotateMs);
  }

  #later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.#timers.delete(t);
      fn();
    }, ms);
    this.#timers.add(t);
  }

  // ── REST ─────────────────────────────────────────────────────────────────────────

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const send = (status: number, body: unknown, type = 'application/json'): void => {
      res
        .writeHead(status, { 'content-type': type })
        .end(type === 'application/json' ? JSON.stringify(body) : (body as Buffer));
    };
    const url = new URL(req.url ?? '/', 'http://sim');
    const prefix = `/api/${this.options.productId}`;
    if (!url.pathname.startsWith(prefix))
      return send(404, { success: false, message: 'Product not found' });
    if (req.headers['x-maytapi-key'] !== this.options.apiKey)
      return send(401, { success: false, message: 'Invalid token' });
    const path = url.pathname.slice(prefix.length);
    const body = chunks.length
      ? (JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<string, unknown>)
      : {};
    const method = req.method ?? 'GET';
    this.requests.push(`${method} ${path}`);
    if (this.verbatim.has(`${method} ${path}`)) {
      if (method === 'POST' && path === '/setWebhook')
        this.webhook = typeof body.webhook === 'string' ? body.webhook : null;
      if (method === 'POST' && path === '/setAckPreference')
        this.ackPreference = body.preference === true;
      if (method === 'POST' && path.endsWith('/sendMessage')) this.sent.push(body);
      return send(200, this.verbatim.get(`${method} ${path}`));
    }
    const seed = this.options.generation === 'seed';
    if (method === 'GET' && path === '/product')
      return send(200, {
        pid: this.options.productId,
        webhook: this.webhook ?? '',
        ack_delivery: seed ? Number(this.ackPreference) : this.ackPreference,
        phone_limit: 5,
      });
    if (method === 'GET' && path === '/listPhones') {
      const phones = this.phones.map((p) =>
        seed
          ? { id: Number(p.id), number: p.number }
          : { id: Number(p.id), number: p.number, status: p.status, type: 'whatsapp' },
      );
      if (this.listPhonesDelayMs > 0)
        await new Promise((resolve) => setTimeout(resolve, this.listPhonesDelayMs));
      return send(200, phones);
    }
    if (method === 'POST' && path === '/setWebhook') {
      this.webhook = typeof body.webhook === 'string' ? body.webhook : null;
      return send(200, {
        pid: this.options.productId,
        webhook: this.webhook,
        ack_delivery: this.ackPreference,
      });
    }
    if (method === 'POST' && path === '/setAckPreference') {
      this.ackPreference = body.preference === true;
      return send(200, { success: true });
    }
    if (method === 'POST' && path === '/addPhone') {
      const phone: SimPhone = {
        id: String(10101 + this.phones.length),
        number: '',
        status: 'qr-code',
      };
      this.phones.push(phone);
      this.#qr.set(phone.id, `2@${randomBytes(20).toString('base64')}`);
      return send(200, { id: Number(phone.id), pid: this.options.productId, number: '' });
    }
    const m = /^\/(\d+)\/(\w+)$/.exec(path);
    const phone = m ? this.phones.find((p) => p.id === m[1]) : undefined;
    if (!m || !phone) return send(404, { success: false, message: 'Phone not found' });
    switch (`${method} ${m[2]}`) {
      case 'GET status':
        if (seed)
          return send(200, {
            success: true,
            status: {
              loggedIn: phone.status === 'active',
              isQr: phone.status === 'qr-code',
              loading: phone.status === 'loading',
              connRetry: phone.status === 'phone-error',
              message: phone.status,
            },
          });
        return send(200, {
          success: true,
          status: {
            loggedIn: phone.status === 'active',
            isQr: phone.status === 'qr-code',
            loading: phone.status === 'loading',
            message: phone.status,
            number: phone.status === 'active' ? phone.number : null,
            state: {
              state: phone.status === 'active' ? 'CONNECTED' : phone.status,
              canSend: phone.status === 'active',
            },
          },
        });
      case 'GET qrCode': {
        const qr = this.#qr.get(phone.id);
        if (phone.status !== 'qr-code' || !qr)
          return send(409, { success: false, message: 'Phone is not in QR state' });
        return send(200, await QRCode.toBuffer(qr, { width: 264 }), 'image/png');
      }
      case 'GET logout':
      case 'POST logout':
        if (method !== this.options.logoutMethod)
          return send(405, { success: false, message: 'Method not allowed' });
        phone.status = 'qr-code';
        this.#qr.set(phone.id, `2@${randomBytes(20).toString('base64')}`);
        return send(200, { success: true });
      case 'GET redeploy':
        phone.status = 'qr-code';
        this.#qr.set(phone.id, `2@${randomBytes(20).toString('base64')},${Date.now()}`);
        return send(200, { success: true });
      case 'POST sendMessage':
        return this.#send(phone, body, send);
      default:
        return send(404, { success: false, message: 'Unknown endpoint' });
    }
  }

  #send(
    phone: SimPhone,
    body: Record<string, unknown>,
    send: (s: number, b: unknown) => void,
  ): void {
    if (phone.status !== 'active')
      return send(400, { success: false, message: 'Phone is not connected' });
    const to = String(body.to_number ?? '');
    if (!/^\d{7,15}(@c\.us)?$|@g\.us$/.test(to))
      return send(400, { success: false, message: 'to_number is not valid' });
    const type = String(body.type ?? '');
    if (
      type === 'media' &&
      typeof body.message === 'string' &&
      body.message.startsWith('data:') &&
      Buffer.byteLength(body.message) > 1.4 * 1024 * 1024
    ) {
      return send(400, {
        success: false,
        message: 'Base64 media is only allowed for images under 1 MB',
      });
    }
    this.sent.push(body);
    const msgId = randomBytes(10).toString('hex').toUpperCase();
    const chatId = to.includes('@') ? to : `${to}@c.us`;
    if (this.options.ackStepMs > 0 && ['text', 'media', 'location'].includes(type)) {
      for (const code of [1, 2, 3])
        this.#later(this.options.ackStepMs * code, () =>
          this.#queueAck(phone.id, msgId, chatId, code),
        );
    }
    send(200, { success: true, data: { chatId, msgId } });
  }
}
