/** One decoded Phoenix V2 message, as the `phoenix` client expects it from a decoder. */
export interface PhoenixMessage {
  join_ref: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: unknown;
}

export type DecodeResult = { ok: true; message: PhoenixMessage } | { ok: false; reason: string };

/**
 * Reads a V2 JSON frame `[join_ref, ref, topic, event, payload]` without ever throwing.
 * Refs come back as strings: Chategy's samples send integers, and phoenix.js matches
 * replies with `===` against the string refs it sent, so an integer ref would never match
 * (the join would time out, the QR would never show).
 */
export function decodePhoenixFrame(raw: unknown): DecodeResult {
  if (typeof raw !== 'string')
    return { ok: false, reason: 'a binary frame, which Chategy never sends' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'a frame that is not JSON (truncated?)' };
  }
  if (!Array.isArray(parsed) || parsed.length !== 5)
    return { ok: false, reason: 'a frame that is not a 5-element array' };
  const [joinRef, ref, topic, event, payload] = parsed as unknown[];
  if (typeof topic !== 'string' || typeof event !== 'string')
    return { ok: false, reason: 'a frame without a topic and an event' };
  const asRef = (value: unknown): string | null | undefined =>
    value === null || value === undefined
      ? null
      : typeof value === 'string'
        ? value
        : typeof value === 'number' && Number.isSafeInteger(value)
          ? String(value)
          : undefined;
  const join_ref = asRef(joinRef);
  const messageRef = asRef(ref);
  if (join_ref === undefined || messageRef === undefined)
    return { ok: false, reason: 'a frame whose refs are neither strings nor integers' };
  return { ok: true, message: { join_ref, ref: messageRef, topic, event, payload } };
}
