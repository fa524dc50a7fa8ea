import type { EventName, EventPayload } from '../../shared/ipc/contract.std.ts';

export type CoreListener = (event: EventName, payload: unknown) => void;

/** A listener for every event that passes one event's payload, typed, to `listener`. */
export function only<E extends EventName>(
  name: E,
  listener: (payload: EventPayload<E>) => void,
): CoreListener {
  return (event, payload) => {
    if (event === name) listener(payload as EventPayload<E>);
  };
}

/** Pushes core events to every attached transport (Electron windows, bridge clients). */
export class EventBus {
  readonly #listeners = new Set<CoreListener>();
  /** Listeners that only follow others' events (the unread counter): they alone do not make the core describe each batch. */
  readonly #passive = new Set<CoreListener>();

  on(listener: CoreListener, options: { passive?: boolean } = {}): () => void {
    this.#listeners.add(listener);
    if (options.passive) this.#passive.add(listener);
    return () => {
      this.#listeners.delete(listener);
      this.#passive.delete(listener);
    };
  }

  /** One event, typed: the listener gets that event's payload, with no cast. */
  onEvent<E extends EventName>(
    name: E,
    listener: (payload: EventPayload<E>) => void,
    options: { passive?: boolean } = {},
  ): () => void {
    return this.on(only(name, listener), options);
  }

  /** Whether anyone outside the core (a window, a bridge client, the shell) is listening. */
  get hasListeners(): boolean {
    return this.#listeners.size > this.#passive.size;
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.#listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        console.error(`[core] listener failed on ${event}:`, error);
      }
    }
  }
}
