import { randomBytes } from 'node:crypto';
import { SwitchboardError } from '../../shared/ipc/errors.std.ts';
import type { Connections } from '../core/connections.node.ts';
import type { SecretStore } from '../core/secretStore.node.ts';
import type { SettingsStore } from '../core/settingsStore.node.ts';
import type { IngestQueue } from '../core/ingestQueue.node.ts';
import type { Cache } from '../db/cache.node.ts';
import { startIngress, type Ingress } from './ingress.node.ts';
import type { DeliveryOutcome, WebhookDelivery, WebhookSink } from './webhookSource.node.ts';
import { words } from '../../shared/ipc/coreWords.std.ts';

const SECRET_KEY = 'webhookSecret';

/**
 * Webhook-fed accounts (Maytapi, Chategy): their unguessable URLs, the local receiver,
 * delivery into the account's connection, registration at the provider and the
 * round-trip check. One service for every such provider.
 */
export class WebhookService implements WebhookSink {
  #ingress: Ingress | undefined;
  readonly #tests = new Map<string, () => void>();

  constructor(
    private readonly cache: Cache,
    private readonly connections: Connections,
    private readonly secrets: SecretStore,
    private readonly settings: SettingsStore,
    private readonly queue: IngestQueue,
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
      secretOf: (accountId) => this.secrets.get(accountId)?.[SECRET_KEY],
      sink: this,
      quarantine: (accountId, reason, raw) => this.cache.quarantine.add({ accountId, source: 'webhook', reason, raw }),
      onTestEvent: (accountId, nonce) => this.#tests.get(`${accountId}:${nonce}`)?.(),
    });
  }

  async stop(): Promise<void> {
    await this.#ingress?.close();
    this.#ingress = undefined;
  }

  /** Gives a webhook account its URL secret (kept with its other secrets). */
  ensureSecret(accountId: string): string {
    const existing = this.secrets.get(accountId)?.[SECRET_KEY];
    if (existing) return existing;
    const secret = randomBytes(24).toString('base64url');
    this.secrets.set(accountId, { ...this.secrets.get(accountId), [SECRET_KEY]: secret });
    return secret;
  }

  path(accountId: string): string | undefined {
    const secret = this.secrets.get(accountId)?.[SECRET_KEY];
    return secret ? `/hooks/${accountId}/${secret}` : undefined;
  }

  localUrl(accountId: string): string | null {
    const path = this.path(accountId);
    return path && this.#ingress ? `http://${this.#ingress.address}:${this.#ingress.port}${path}` : null;
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
    if (!(await this.queue.settled())) return { kind: 'retry', reason: 'the message cache cannot write right now' };
    return accepted === 0 && rejected > 0 ? { kind: 'quarantined', reason: 'nothing in this delivery could be understood' } : { kind: 'stored' };
  }

  /**
   * Registers our public URL at the provider. Another system (a CRM) may own the current
   * webhook: unless `replace` is set, a different URL there is left alone and reported.
   */
  async register(accountId: string, replace: boolean): Promise<{ url: string; previous: string | null }> {
    const sink = this.connections.connection(accountId)?.webhook;
    if (!sink?.register) throw new SwitchboardError('unavailable', words('webhook.cannotSet'));
    const url = this.publicUrl(accountId);
    if (!url) throw new SwitchboardError('invalid_request', words('webhook.needPublic'));
    const previous = (await sink.registered?.()) ?? null;
    if (previous && previous !== url && !replace) {
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
    const arrived = new Promise<void>((resolve) => this.#tests.set(`${accountId}:${nonce}`, resolve));
    try {
      await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'switchboard_test', nonce }), signal: AbortSignal.timeout(timeoutMs) });
      await Promise.race([arrived, new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs))]);
      return { ok: true, ms: Date.now() - started };
    } catch {
      throw new SwitchboardError('unavailable', words('webhook.testFailed', { url }));
    } finally {
      this.#tests.delete(`${accountId}:${nonce}`);
    }
  }
}
