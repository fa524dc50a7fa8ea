import type { z } from 'zod';
import type { methods, MethodName, Result } from '../../../shared/ipc/contract.std.ts';

type ParamsOf<M extends MethodName> = z.output<(typeof methods)[M]['params']>;
type Handler<M extends MethodName> = (params: ParamsOf<M>) => Result<M> | Promise<Result<M>>;

/** Every request of the contract, answered. */
export type Handlers = { [M in MethodName]: Handler<M> };

/** The requests of one domain: those whose names the domain answers. */
export type DomainHandlers<M extends MethodName> = { [K in M]: Handler<K> };
