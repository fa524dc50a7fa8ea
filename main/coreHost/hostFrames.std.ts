import { z } from 'zod';
import { RequestFrame, EventFrame } from '../../shared/ipc/wire.std.ts';
import { IpcError } from '../../shared/ipc/errors.std.ts';
import { SecretStorage } from '../../shared/model/settings.std.ts';

/**
 * The frames between the process that hosts the core (Electron's main process, or a Node
 * parent) and the core's own process (a utilityProcess, or `child_process.fork`). Requests,
 * replies and events are the bridge's frames; the rest start the core, carry its secrets
 * (only the host can reach the OS keyring) and stop it. Validated where they enter.
 */
const Secrets = z.record(z.string(), z.record(z.string(), z.string()));

export const CoreStart = z.object({
  type: z.literal('start'),
  dataDir: z.string().min(1),
  version: z.string(),
  electron: z.boolean(),
  /** Open the demo workspace when no account is configured. */
  demo: z.boolean(),
  /** A damaged cache is rebuilt from what can be read before opening. */
  repairCache: z.boolean(),
  /** Every account's secrets, read by the host from the keyring; held in the core's memory. */
  secrets: z.object({
    entries: Secrets,
    persistent: z.boolean(),
    storage: SecretStorage.optional(),
  }),
});
export type CoreStart = z.infer<typeof CoreStart>;

export const HostToCore = z.discriminatedUnion('type', [
  CoreStart,
  RequestFrame.extend({ type: z.literal('request') }),
  z.object({ type: z.literal('stop') }),
]);
export type HostToCore = z.infer<typeof HostToCore>;

export const CoreToHost = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), logFile: z.string().nullable() }),
  /** The core could not open its data: said in words, with the storage problem's kind. */
  z.object({ type: z.literal('fatal'), problem: z.string(), error: IpcError }),
  z.object({
    type: z.literal('reply'),
    id: z.number().int(),
    reply: z.union([
      z.object({ ok: z.literal(true), result: z.unknown() }),
      z.object({ ok: z.literal(false), error: IpcError }),
    ]),
  }),
  EventFrame.extend({ type: z.literal('event') }),
  z.object({
    type: z.literal('secrets.set'),
    accountId: z.string(),
    secrets: z.record(z.string(), z.string()),
  }),
  z.object({ type: z.literal('secrets.delete'), accountId: z.string() }),
  z.object({ type: z.literal('secrets.storeWithoutKeyring'), allow: z.boolean() }),
]);
export type CoreToHost = z.infer<typeof CoreToHost>;
