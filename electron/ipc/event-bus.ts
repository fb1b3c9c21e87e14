import { events, type EventName, type EventPayload } from '../../shared/ipc/contract';

/** A sink that forwards validated events to one transport (Electron windows, loopback sockets). */
export type EventSink = (event: EventName, payload: unknown) => void;

/** Main-process push events; payloads are validated against the contract before they leave. */
export class EventBus {
  readonly #sinks = new Set<EventSink>();

  /** Adds a transport; returns the function that removes it. */
  connect(sink: EventSink): () => void {
    this.#sinks.add(sink);
    return () => this.#sinks.delete(sink);
  }

  /** Sends an event to every connected transport. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const checked = events[event].parse(payload);
    for (const sink of this.#sinks) sink(event, checked);
  }
}
