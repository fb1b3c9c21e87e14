import type { Channel, EventName } from './contract';

/**
 * How `createApi` reaches the main process: Electron IPC in the preload, a WebSocket in the loopback host.
 * Transports move untrusted data; `createApi` validates what comes back.
 */
export interface Transport {
  /** Sends one call and resolves with the raw `Result` the other side sent. */
  invoke(channel: Channel, args: unknown): Promise<unknown>;
  /** Subscribes to one push event; returns the unsubscribe function. */
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}
