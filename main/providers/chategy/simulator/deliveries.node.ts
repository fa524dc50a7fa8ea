import type { Params } from '../checksum.node.ts';
import type { ChategySimulator } from './simulator.node.ts';

export interface SimDelivery {
  id: number;
  routing: string[];
  /** The channel trying now; a cascade moves on when it cannot deliver. */
  channel: string;
  recipient: string;
  text: string | null;
  caption: string | null;
  file: { name: string; mime: string; size: number } | null;
  replyTo: string | null;
  externalId: string | null;
  statusId: number;
  description: string;
  messageId: string;
  /** Where the final status is POSTed (seed: "Callback structure"). */
  callbackUrl: string | null;
}

/** Statuses after which a delivery changes no more, or only to "read". */
const FINAL = new Set([2, 16, 4, 18, 44, 3, 5, 8, 49]);

const DESCRIPTIONS: Record<number, string> = {
  1: 'Enroute',
  2: 'Delivered',
  4: 'Deleted',
  6: 'Accepted',
  16: 'Read',
  44: 'Whatsapp unregistered number',
};

/** Deliveries and how their statuses move, WhatsApp receipts and echoes included. */
export class Deliveries {
  readonly #all = new Map<number, SimDelivery>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #next = 94396942;

  constructor(
    private readonly sim: ChategySimulator,
    private readonly options: {
      stepMs: number;
      notOnWhatsApp: string[];
      whatsAppReceipts: boolean;
      sendCallbacks: boolean;
    },
  ) {}

  get list(): SimDelivery[] {
    return [...this.#all.values()];
  }

  get(id: number): SimDelivery | undefined {
    return this.#all.get(id);
  }

  create(params: Params, file?: { name: string; mime: string; size: number }): SimDelivery {
    const routing =
      Array.isArray(params.dispatch_routing) && params.dispatch_routing.length
        ? [...new Set(params.dispatch_routing)]
        : ['sms'];
    const recipient = String(
      params.phone ??
        params.tdlib_user_id ??
        params.max_user_id ??
        params.whatsapp_lid ??
        params.username ??
        '',
    );
    const id = this.#next++;
    const delivery: SimDelivery = {
      id,
      routing,
      channel: routing[0]!,
      recipient,
      text: params.text == null ? null : String(params.text),
      caption: params.caption == null ? null : String(params.caption),
      file: file ?? null,
      replyTo: params.reply_to_message_id == null ? null : String(params.reply_to_message_id),
      externalId: params.external_id == null ? null : String(params.external_id),
      statusId: 6,
      description: 'Accepted',
      messageId:
        routing[0] === 'whatsapp'
          ? `true_${recipient}@c.us_${id}THISISBOT`
          : String(9_781_725_10208 + id),
      callbackUrl:
        typeof params.callback_url === 'string' && params.callback_url ? params.callback_url : null,
    };
    this.#all.set(id, delivery);
    if (this.options.stepMs > 0) this.#progress(delivery);
    return delivery;
  }

  remove(delivery: SimDelivery): void {
    this.#set(delivery, 4);
  }

  /** As `POST /delivery` answers: flat status. */
  created(d: SimDelivery): Record<string, unknown> {
    return {
      id: d.id,
      phone: `+${d.recipient}`,
      dispatch_routing: d.routing,
      status_id: d.statusId,
      status_description: d.description,
      external_id: d.externalId,
      callback_url: d.callbackUrl,
      priority: 'low',
      scheduled_at: null,
      sender_name: 'CHATEGY.IO',
      sum: '0.0',
      total_sms: 1,
      traffic_category: 0,
      utm_mark: null,
    };
  }

  /** As `GET /delivery/{id}` answers: nested status. */
  read(d: SimDelivery): Record<string, unknown> {
    return {
      id: d.id,
      phone: `+${d.recipient}`,
      external_id: d.externalId,
      callback_url: d.callbackUrl,
      scheduled_at: null,
      sender_name: 'CHATEGY.IO',
      sum: '0.00',
      total_sms: 1,
      traffic_category: 0,
      utm_mark: null,
      status: { status_id: d.statusId, description: d.description },
      operator: {
        id: 81,
        name: 'Georgia',
        brand_name: 'Georgia',
        country: 'Georgia',
        slug: 'georgia',
      },
    };
  }

  stop(): void {
    for (const t of this.#timers) clearTimeout(t);
  }

  #set(d: SimDelivery, statusId: number): void {
    const changed = d.statusId !== statusId;
    d.statusId = statusId;
    d.description = DESCRIPTIONS[statusId] ?? `Status ${statusId}`;
    if (changed && FINAL.has(statusId) && d.callbackUrl && this.options.sendCallbacks) {
      const body = {
        delivery: {
          sender_name: 'CHATEGY.IO',
          id: d.id,
          status: { status_id: statusId, description: d.description, dispatch_routing: d.channel },
        },
      };
      void this.sim.postTo(d.callbackUrl, body).catch(() => undefined);
    }
  }

  /** A WhatsApp receipt webhook, unless this server sends none (then only polls and callbacks tell). */
  #receipt(d: SimDelivery, status: string): void {
    if (this.options.whatsAppReceipts) void this.sim.webhookFor(d, 'status', status);
  }

  #later(steps: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      run();
    }, steps * this.options.stepMs);
    this.#timers.add(timer);
  }

  /**
   * Accepted → enroute (+ the outgoing echo) → delivered → read. A WhatsApp number that is
   * not on WhatsApp fails there; with SMS next in the routing the cascade delivers by SMS.
   */
  #progress(d: SimDelivery): void {
    const whatsApp = d.channel === 'whatsapp';
    const unreachable = whatsApp && this.options.notOnWhatsApp.includes(d.recipient);
    this.#later(1, () => {
      if (d.statusId === 4) return;
      this.#set(d, 1);
      if (!unreachable && d.channel !== 'sms') void this.sim.webhookFor(d, 'echo');
      if (whatsApp && !unreachable) this.#receipt(d, 'sent');
    });
    if (unreachable) {
      this.#later(2, () => {
        this.#receipt(d, 'failed');
        const next = d.routing[d.routing.indexOf('whatsapp') + 1];
        if (next) {
          d.channel = next;
          this.#set(d, 1);
        } else this.#set(d, 44);
      });
      this.#later(4, () => {
        if (d.channel !== 'whatsapp') this.#set(d, 2);
      });
      return;
    }
    this.#later(2, () => {
      if (d.statusId === 4) return;
      this.#set(d, 2);
      if (whatsApp) this.#receipt(d, 'received');
    });
    if (d.channel === 'sms') return;
    this.#later(3, () => {
      if (d.statusId === 4) return;
      this.#set(d, 16);
      if (whatsApp) this.#receipt(d, 'read');
    });
  }
}
