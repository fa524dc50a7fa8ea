/**
 * The client token is an HS256 JWT whose payload names the customer: `{"customer_id":813,…}`.
 * The signature is the server's business; we only read the id the WhatsApp login topic needs.
 */
export function customerIdOf(token: string): number | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as {
      customer_id?: unknown;
    };
    const id = Number(payload.customer_id);
    return Number.isSafeInteger(id) && id > 0 ? id : null;
  } catch {
    return null;
  }
}
