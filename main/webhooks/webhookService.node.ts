import { randomBytes } from 'node:crypto';
import { SwitchboardError } from '../../shared/ipc/errors.std.ts';
import type { WebhookSink } from '../providers/plugin.node.ts';
import type { Settings } from '../../shared/model/settings.std.ts';

/**
 * What the webhook service needs of the core, and no more: the core hands these in, so
 * this folder never imports the core's (which imports this one).
 */
export interface WebhookConnections {
  connection(accountId: string): { readonly webhook?: WebhookSink } | undefined;
  collectingRefusals<T>(accountId: string, work: () => T): { value: T; refusals: string[] };
}
export interface WebhookSecrets {
  get(accountId: string): Record<string, string> | undefined;
}
export interface WebhookSettings {
  get(): Settings;
}
export interface WebhookQueue {
  settled(): Promise<boolean>;
}
import type { Cache } from '../db/cache.node.ts';
import { startIngress, type Ingress } from './ingress.node.ts';
import type { DeliveryOutcome, DeliverySink, WebhookDelivery } from './webhookSource.node.ts';
import { words } from '../../shared/words/coreWords.std.ts';

const SECRET_KEY = 'webhookSecret';

/**
 * Webhook-fed accounts (Maytapi, Chategy): their unguessable URLs, the local receiver,
 * delivery into the account's connection, registration at the provider and the
 * round-trip check. One service for every such provider.
 */
export class WebhookService implements DeliverySink {
  #ingress: Ingress | undefined;
  readonly #tests = new Map<string, () => void>();

  constructor(
    private readonly cache: Cache,
    private readonly connections: WebhookConnections,
    private readonly secrets: WebhookSecrets,
    private readonly settings: WebhookSettings,
    private readonly queue: WebhookQueue,
  ) {}

  get port(): number | undefined {
    return this.#ingress?.port;
  }

  async start(): Promise<void> {
    if (this.#ingress) return;
    const { bindAddress, port } = this.settings.get().webhook;
    this.#ingress = await startIngress({
      bindAddress,
      port,
      secretOf: (accountId) => this.#secretOf(accountId),
      sink: this,
      quarantine: (accountId, reason, raw) =>
        this.cache.quarantine.add({ accountId, source: 'webhook', reason, raw }),
      onTestEvent: (accountId, nonce) => this.#tests.get(`${accountId}:${nonce}`)?.(),
    });
  }

  async stop(): Promise<void> {
    await this.#ingress?.close();
    this.#ingress = undefined;
  }

  /** Gives a webhook account its URL secret (kept in the cache, beside the account). */
  ensureSecret(accountId: string): string {
    return this.#secretOf(accountId) ?? this.#issue(accountId);
  }

  path(accountId: string): string | undefined {
    const secret = this.#secretOf(accountId);
    return secret ? `/hooks/${accountId}/${secret}` : undefined;
  }

  /**
   * A new URL secret, registered at the provider at once: for a secret that leaked or was
   * lost. The old URL answers 404 from now on; the account and its history stay.
   */
  async reissue(accountId: string): Promise<{ url: string; previous: string | null }> {
    this.#issue(accountId);
    return this.register(accountId, false, true);
  }

  #issue(accountId: string): string {
    const secret = randomBytes(24).toString('base64url');
    this.cache.accounts.setWebhookSecret(accountId, secret);
    return secret;
  }

  /** From the cache; an older version kept it with the provider secrets, moved over on first use. */
  #secretOf(accountId: string): string | undefined {
    const stored = this.cache.accounts.webhookSecret(accountId);
    if (stored) return stored;
    const legacy = this.secrets.get(accountId)?.[SECRET_KEY];
    if (legacy && this.cache.accounts.get(accountId))
      this.cache.accounts.setWebhookSecret(accountId, legacy);
    return legacy;
  }

  localUrl(accountId: string): string | null {
    const path = this.path(accountId);
    return path && this.#ingress
      ? `http://${this.#ingress.address}:${this.#ingress.port}${path}`
      : null;
  }

  /** The URL the provider must call: the user's reverse proxy or tunnel plus our path. */
  publicUrl(accountId: string): string | null {
    const base = this.settings.get().webhook.publicBaseUrl.replace(/\/+$/, '');
    const path = this.path(accountId);
    return base && path ? `${base}${path}` : null;
  }

  async deliver(delivery: WebhookDelivery): Promise<DeliveryOutcome> {
    const sink = this.connections.connection(delivery.accountId)?.webhook;
    if (!sink) return { kind: 'retry', reason: 'this account is not running' };
    const { accepted, rejected } = sink.receive(delivery.body, delivery.headers);
    // 200 only once committed: if the disk refuses, the provider must send it again.
    if (!(await this.queue.settled()))
      return { kind: 'retry', reason: 'the message cache cannot write right now' };
    return accepted === 0 && rejected > 0
      ? { kind: 'quarantined', reason: 'nothing in this delivery could be understood' }
      : { kind: 'stored' };
  }

  /**
   * Offers the account's quarantined webhooks to its connection again: those that beat the
   * line they name (Maytapi's phone list), or that an upgrade now understands. Applied ones
   * leave the quarantine; the rest count one more try, up to a cap.
   */
  async replay(accountId: string): Promise<{ applied: number; kept: number }> {
    const sink = this.connections.connection(accountId)?.webhook;
    const outcome = { applied: 0, kept: 0 };
    if (!sink) return outcome;
    for (const item of this.cache.quarantine.replayable(accountId, 'webhook')) {
      let body: unknown;
      try {
        body = JSON.parse(item.raw);
      } catch {
        this.cache.quarantine.replayFailed(item.id, item.reason);
        outcome.kept += 1;
        continue;
      }
      const { value, refusals } = this.connections.collectingRefusals(accountId, () =>
        sink.receive(body, {}),
      );
      if (value.accepted > 0 && value.rejected === 0) {
        this.cache.quarantine.applied(item.id);
        outcome.applied += 1;
      } else {
        this.cache.quarantine.replayFailed(item.id, refusals[0] ?? item.reason);
        outcome.kept += 1;
      }
    }
    if (outcome.applied > 0) await this.queue.settled();
    return outcome;
  }

  /**
   * Registers our public URL at the provider. Another system (a CRM) may own the current
   * webhook: unless `replace` is set, a different URL there is left alone and reported.
   */
  async register(
    accountId: string,
    replace: boolean,
    replaceOurOwn = false,
  ): Promise<{ url: string; previous: string | null }> {
    const sink = this.connections.connection(accountId)?.webhook;
    if (!sink?.register) throw new SwitchboardError('unavailable', words('webhook.cannotSet'));
    this.ensureSecret(accountId);
    const url = this.publicUrl(accountId);
    if (!url) throw new SwitchboardError('invalid_request', words('webhook.needPublic'));
    const previous = (await sink.registered?.()) ?? null;
    // Our own earlier address for this account (an older secret) is ours to replace.
    const ours =
      previous !== null &&
      (replaceOurOwn || previous.startsWith(`${url.slice(0, url.lastIndexOf('/') + 1)}`));
    if (previous && previous !== url && !replace && !ours) {
      throw new SwitchboardError('provider', words('webhook.foreign', { previous }));
    }
    if (previous !== url) await sink.register(url);
    return { url, previous };
  }

  /** Posts a test event to our own public URL and waits for it: proves the round trip. */
  async test(accountId: string, timeoutMs = 10_000): Promise<{ ok: true; ms: number }> {
    const url = this.publicUrl(accountId);
    if (!url) throw new SwitchboardError('invalid_request', words('webhook.needPublic'));
    const nonce = randomBytes(8).toString('hex');
    const started = Date.now();
    const arrived = new Promise<void>((resolve) =>
      this.#tests.set(`${accountId}:${nonce}`, resolve),
    );
    try {
      await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'switchboard_test', nonce }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      await Promise.race([
        arrived,
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs)),
      ]);
      return { ok: true, ms: Date.now() - started };
    } catch {
      throw new SwitchboardError('unavailable', words('webhook.testFailed', { url }));
    } finally {
      this.#tests.delete(`${accountId}:${nonce}`);
    }
  }
}
