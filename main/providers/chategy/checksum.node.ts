import { createHmac } from 'node:crypto';

export type Params = Record<string, string | number | readonly string[]>;

/**
 * The `checksum` header that makes a send idempotent: HMAC-SHA256, keyed by the account's
 * idempotency key, over the parameter values joined in key order with no separators.
 * Arrays are joined the same way, value after value (the seed does not say; the simulator
 * and this client agree, and it is the one place to change).
 */
export function checksumOf(params: Params, key: string): string {
  const joined = Object.keys(params)
    .sort()
    .map((k) => {
      const value = params[k]!;
      return Array.isArray(value) ? value.join('') : String(value);
    })
    .join('');
  return createHmac('sha256', key).update(joined, 'utf8').digest('hex');
}
