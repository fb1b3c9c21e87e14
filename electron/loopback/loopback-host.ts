import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { eventFrameId, idOfFrame, loopbackTokenProtocolPrefix, maxWireFrameBytes, wireCallSchema, type WireServerFrame } from '../../shared/ipc/wire';
import { splitWireMessage, WireAssembler } from '../../shared/ipc/wire-chunks';
import type { Dispatch } from '../ipc/dispatcher';
import type { EventBus } from '../ipc/event-bus';
import { buildCsp } from '../protocol/csp';
import { readStaticFile, staticSecurityHeaders } from '../protocol/static-files';

/** Path of the WebSocket endpoint. */
export const loopbackApiPath = '/api';
/** Path of the script that plays the preload's part in a browser. */
export const loopbackBootstrapPath = '/__loopback/api.js';

/** Where the loopback host finds its files and handlers. */
export interface LoopbackHostOptions {
  readonly rendererDir: string;
  /** The bundled `renderer/loopback/loopback-api.ts`. */
  readonly bootstrapScript: string;
  readonly dispatch: Dispatch;
  readonly bus: EventBus;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Fixed token for tests; a random one is made otherwise. */
  readonly token?: string;
}

/** A running loopback host. */
export interface LoopbackHost {
  /** URL to open, including the per-run token in the fragment (never sent to the server in requests). */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

/**
 * Serves the built renderer on 127.0.0.1 and the main-process handlers over a WebSocket, for browsers and
 * tests where Electron cannot start. Only pages from this host's own origin that present the per-run token
 * may call a handler; requests with a foreign Host header (DNS rebinding) are refused.
 */
export async function startLoopbackHost(options: LoopbackHostOptions): Promise<LoopbackHost> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const server = createServer();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxWireFrameBytes, handleProtocols: (protocols) => [...protocols][0] ?? false });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = new Set([...allowedHosts].map((host) => `http://${host}`));
  const csp = buildCsp({ extraConnectSrc: [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`] });

  server.on('request', (request, response) => {
    void serveFile(request, response, options, allowedHosts, csp).catch(() => sendStatus(response, 500));
  });
  // A client that sends garbage is dropped; it never takes the host (or the other clients) down with it.
  server.on('clientError', (_error, socket: Duplex) => socket.destroy());
  sockets.on('error', () => undefined);
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (!isAuthorizedUpgrade(request, token, allowedHosts, allowedOrigins)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveSocket(ws, options.dispatch));
  });
  const disconnectBus = options.bus.connect((event, payload) => {
    const frame = { t: 'event', event, payload } satisfies WireServerFrame;
    for (const client of sockets.clients) sendFrame(client, eventFrameId, frame);
  });

  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    close: async () => {
      disconnectBus();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** True when an upgrade request comes from this host's own page with the right token. */
export function isAuthorizedUpgrade(request: Pick<IncomingMessage, 'headers' | 'url'>, token: string, allowedHosts: ReadonlySet<string>, allowedOrigins: ReadonlySet<string>): boolean {
  if (new URL(request.url ?? '/', 'http://x').pathname !== loopbackApiPath) return false;
  if (!allowedHosts.has(request.headers.host ?? '')) return false;
  if (!allowedOrigins.has(request.headers.origin ?? '')) return false;
  const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  return offered.some((protocol) => protocol.startsWith(loopbackTokenProtocolPrefix) && sameSecret(protocol.slice(loopbackTokenProtocolPrefix.length), token));
}

function sameSecret(offered: string, token: string): boolean {
  const a = Buffer.from(offered);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What one page may have in flight: the contract's largest upload (a 512 MB zip) with room for its JSON. */
const uploadLimits = { maxMessageBytes: 600 * 1024 * 1024, maxPendingMessages: 4 };

function serveSocket(ws: WebSocket, dispatch: Dispatch): void {
  // ws reports a malformed frame (bad opcode, unmasked, invalid UTF-8, over the size limit) as an 'error' event and
  // closes the connection; without a listener that event would end the process.
  ws.on('error', () => ws.terminate());
  // Large byte arrays arrive as binary chunks before the call's JSON (see wire-chunks).
  const assembler = new WireAssembler(uploadLimits);
  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      try {
        assembler.addChunk(toBytes(data));
      } catch {
        ws.close(1009, 'chunk refused');
      }
      return;
    }
    void handleFrame(ws, dispatch, assembler, toBytes(data).toString()).catch(() => ws.close(1011, 'internal error'));
  });
}

function toBytes(data: RawData): Buffer {
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
}

async function handleFrame(ws: WebSocket, dispatch: Dispatch, assembler: WireAssembler, text: string): Promise<void> {
  let call;
  try {
    call = wireCallSchema.parse(assembler.finish(text, (parsed) => idOfFrame(parsed)));
  } catch {
    ws.close(1003, 'malformed frame');
    return;
  }
  const result = await dispatch(call.channel, call.args, { shell: 'loopback' });
  sendFrame(ws, call.id, { t: 'result', id: call.id, result } satisfies WireServerFrame);
}

/** Sends a frame as its binary chunks, then its JSON. */
function sendFrame(ws: WebSocket, id: number, frame: WireServerFrame): void {
  if (ws.readyState !== ws.OPEN) return;
  const { json, chunks } = splitWireMessage(id, frame);
  for (const chunk of chunks) ws.send(chunk, { binary: true });
  ws.send(json);
}

async function serveFile(request: IncomingMessage, response: ServerResponse, options: LoopbackHostOptions, allowedHosts: ReadonlySet<string>, csp: string): Promise<void> {
  if (!allowedHosts.has(request.headers.host ?? '')) return sendStatus(response, 421);
  if (request.method !== 'GET' && request.method !== 'HEAD') return sendStatus(response, 405);
  const pathname = new URL(request.url ?? '/', 'http://x').pathname;
  const file = pathname === loopbackBootstrapPath ? await readStaticFile(path.dirname(options.bootstrapScript), `/${path.basename(options.bootstrapScript)}`) : await readStaticFile(options.rendererDir, pathname);
  if (file.status !== 200) return sendStatus(response, file.status);
  const contentType = pathname === loopbackBootstrapPath ? 'text/javascript; charset=utf-8' : file.contentType;
  const body = pathname === '/' || pathname === '/index.html' ? injectBootstrap(file.body) : file.body;
  response.writeHead(200, { ...staticSecurityHeaders(csp), 'Content-Type': contentType, 'Content-Length': body.length });
  response.end(request.method === 'HEAD' ? undefined : body);
}

/** Adds the loopback API script before the app's own scripts, where Electron would run the preload. */
function injectBootstrap(html: Buffer): Buffer {
  const text = html.toString('utf8');
  const tag = `<script src="${loopbackBootstrapPath}"></script>`;
  return Buffer.from(text.includes('</head>') ? text.replace('</head>', `  ${tag}\n  </head>`) : tag + text, 'utf8');
}

function sendStatus(response: ServerResponse, status: number): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  response.end(`${status}\n`);
}
