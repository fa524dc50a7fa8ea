import { z } from 'zod';
import { IpcError } from './errors.std.ts';

/** Frames of the WebSocket bridge; Electron IPC carries the same request/reply pairs natively. */
export const RequestFrame = z.object({
  id: z.number().int().nonnegative(),
  method: z.string(),
  params: z.unknown(),
});
export type RequestFrame = z.infer<typeof RequestFrame>;

export const ReplyFrame = z.union([
  z.object({ id: z.number().int(), ok: z.literal(true), result: z.unknown() }),
  z.object({ id: z.number().int(), ok: z.literal(false), error: IpcError }),
]);
export type ReplyFrame = z.infer<typeof ReplyFrame>;

export const EventFrame = z.object({ event: z.string(), payload: z.unknown() });
export type EventFrame = z.infer<typeof EventFrame>;

/** The reply of one request, as either transport hands it back. */
export type Reply = { ok: true; result: unknown } | { ok: false; error: IpcError };
