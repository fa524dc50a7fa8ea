import { only, type CoreListener } from './eventBus.node.ts';
import type {
  EventName,
  EventPayload,
  MethodName,
  Params,
  Result,
} from '../../shared/ipc/contract.std.ts';
import { SwitchboardError } from '../../shared/ipc/errors.std.ts';
import type { Reply } from '../../shared/ipc/wire.std.ts';

/**
 * What a transport or the shell needs of the core, wherever it runs: the in-process `Core`
 * and the `CoreSupervisor` of a core in its own process (`main/coreHost`) both are one.
 */
export interface CoreEndpoint {
  /** The contract's one entry point. Never throws. */
  handle(method: unknown, params: unknown): Promise<Reply>;
  on(listener: CoreListener): () => void;
}

/** One event, typed: the listener gets that event's payload and nothing else. */
export function listen<E extends EventName>(
  endpoint: Pick<CoreEndpoint, 'on'>,
  name: E,
  listener: (payload: EventPayload<E>) => void,
): () => void {
  return endpoint.on(only(name, listener));
}

/** A typed request; a refusal throws SwitchboardError. */
export async function request<M extends MethodName>(
  endpoint: Pick<CoreEndpoint, 'handle'>,
  method: M,
  params: Params<M>,
): Promise<Result<M>> {
  const reply = await endpoint.handle(method, params);
  if (!reply.ok)
    throw new SwitchboardError(reply.error.code, reply.error.message, reply.error.issues);
  return reply.result as Result<M>;
}
