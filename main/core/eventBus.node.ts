import type { EventName, EventPayload } from '../../shared/ipc/contract.std.ts';

export type CoreListener = (event: EventName, payload: unknown) => void;

/** Pushes core events to every attached transport (Electron windows, bridge clients). */
export class EventBus {
  readonly #listeners = new Set<CoreListener>();

  on(listener: CoreListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get hasListeners(): boolean {
    return this.#listeners.size > 0;
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
