import { contextBridge } from 'electron';
import { bootChannels, createApi } from '../shared/ipc/create-api';
import { ipcRendererTransport } from './ipc/ipc-renderer-transport';

// The page gets exactly one object, built from the IPC contract; nothing else crosses the bridge.
contextBridge.exposeInMainWorld('api', createApi(ipcRendererTransport(), bootChannels));
