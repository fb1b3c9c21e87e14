import type { Channel, EventName } from '../../shared/ipc/contract';
import type { Transport } from '../../shared/ipc/transport';
import { idOfFrame, loopbackTokenProtocolPrefix, wireServerFrameSchema, type WireCall } from '../../shared/ipc/wire';
import { splitWireMessage, WireAssembler } from '../../shared/ipc/wire-chunks';

/**
 * The loopback host's transport: one WebSocket to `/api`, authenticated by the per-run token carried as a
 * sub-protocol. Reconnects on the next call after a drop; calls in flight when it drops fail (never resent,
 * because a call may not be idempotent).
 */
export function websocketTransport(url: string, token: string): Transport {
  let socket: WebSocket | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (reason: Error) => void }>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  const connect = (): Promise<WebSocket> => {
    if (socket && socket.readyState === WebSocket.OPEN) return Promise.resolve(socket);
    if (socket && socket.readyState === WebSocket.CONNECTING) return waitOpen(socket);
    const ws = new WebSocket(url, [`${loopbackTokenProtocolPrefix}${token}`]);
    ws.binaryType = 'arraybuffer';
    socket = ws;
    // Byte arrays of a result (documents, zips) arrive as binary chunks before its JSON.
    const assembler = new WireAssembler({ maxMessageBytes: 2 * 1024 * 1024 * 1024, maxPendingMessages: 64 });
    ws.addEventListener('message', (message) => {
      if (message.data instanceof ArrayBuffer) {
        try {
          assembler.addChunk(new Uint8Array(message.data));
        } catch {
          ws.close(1009, 'chunk refused');
        }
        return;
      }
      const frame = wireServerFrameSchema.safeParse(safeFinish(assembler, message.data));
      if (!frame.success) return;
      if (frame.data.t === 'result') {
        pending.get(frame.data.id)?.resolve(frame.data.result);
        pending.delete(frame.data.id);
      } else {
        for (const listener of listeners.get(frame.data.event as EventName) ?? []) listener(frame.data.payload);
      }
    });
    ws.addEventListener('close', () => {
      for (const call of pending.values()) call.reject(new Error('connection to the loopback host closed'));
      pending.clear();
    });
    return waitOpen(ws);
  };
  // Keep one connection open so push events arrive even before the first call.
  void connect().catch(() => undefined);

  return {
    invoke: async (channel: Channel, args: unknown) => {
      const ws = await connect();
      const id = nextId++;
      const result = new Promise<unknown>((resolve, reject) => pending.set(id, { resolve, reject }));
      const { json, chunks } = splitWireMessage(id, { t: 'call', id, channel, args } satisfies WireCall);
      for (const chunk of chunks) ws.send(chunk);
      ws.send(json);
      return result;
    },
    subscribe: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
}

function waitOpen(ws: WebSocket): Promise<WebSocket> {
  if (ws.readyState === WebSocket.OPEN) return Promise.resolve(ws);
  return new Promise((resolve, reject) => {
    ws.addEventListener('open', () => resolve(ws), { once: true });
    ws.addEventListener('error', () => reject(new Error('cannot connect to the loopback host')), { once: true });
  });
}

function safeFinish(assembler: WireAssembler, data: unknown): unknown {
  try {
    return typeof data === 'string' ? assembler.finish(data, idOfFrame) : null;
  } catch {
    return null;
  }
}
