/**
 * Where webhook deliveries enter the core. The built-in HTTP ingress is one source; a
 * hosted relay (which would keep events while the desktop is closed) can be another,
 * feeding the same pipeline.
 */
export interface WebhookDelivery {
  accountId: string;
  body: unknown;
  headers: Record<string, string | undefined>;
}

export type DeliveryOutcome =
  | { kind: 'stored' }
  /** Understood as garbage: kept in quarantine, answered so the provider stops retrying. */
  | { kind: 'quarantined'; reason: string }
  /** The account cannot take it now (stopped, storage trouble): the provider should retry. */
  | { kind: 'retry'; reason: string };

/** Where the receiver hands a verified delivery (the webhook service); not a provider's `WebhookSink`, which reads one. */
export interface DeliverySink {
  deliver(delivery: WebhookDelivery): Promise<DeliveryOutcome>;
}
