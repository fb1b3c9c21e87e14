import { bootChannels, createApi } from '../../shared/ipc/create-api';
import { websocketTransport } from './websocket-transport';

// Plays the preload's part when the renderer is served by the loopback host: builds `window.api` from the same
// contract over a WebSocket. The token arrives in the URL fragment (never sent to a server) and is kept for
// reloads in sessionStorage, then removed from the address bar.
const tokenKey = 'clerk-review.loopback-token';
const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
if (fromHash) {
  sessionStorage.setItem(tokenKey, fromHash);
  history.replaceState(null, '', location.pathname + location.search);
}
const token = sessionStorage.getItem(tokenKey) ?? '';
const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api`;
Object.defineProperty(window, 'api', { value: createApi(websocketTransport(url, token), bootChannels), writable: false, configurable: false });
