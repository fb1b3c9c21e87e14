import { ok } from '../../shared/result';
import { isRealEfmConfigured } from '../../shared/settings';
import { createDispatcher, type Dispatch, type Handlers } from '../ipc/dispatcher';
import { EventBus } from '../ipc/event-bus';
import { SettingsStore } from '../settings/settings-store';

/** What the main process needs to know about where it runs. */
export interface MainServicesOptions {
  readonly dataDir: string;
  readonly version: string;
  readonly shell: 'electron' | 'loopback';
}

/** The main process's services and the dispatcher both shells put behind their transport. */
export interface MainServices {
  readonly dispatch: Dispatch;
  readonly bus: EventBus;
  readonly settings: SettingsStore;
  /** Stops background work (timers, servers) so the process can exit. */
  close(): Promise<void>;
}

/** Wires the services and the contract's handlers; the same code runs in Electron and in the loopback host. */
export function createMainServices(options: MainServicesOptions): MainServices {
  const settings = new SettingsStore(options.dataDir);
  const bus = new EventBus();
  const handlers: Handlers = {
    'app:info': async () => {
      const current = await settings.get();
      const real = isRealEfmConfigured(current);
      return ok({
        name: 'Clerk Review Desk',
        version: options.version,
        efmMode: real ? 'real' : 'demo',
        efmEndpoint: current.efm.endpoint,
        // The demo EFM runs in this process; a real EFM's reachability is probed by the EFM client.
        connectivity: real ? 'unknown' : 'online',
        shell: options.shell,
        dataDir: options.dataDir,
      });
    },
    'settings:get': async () => ok(await settings.get()),
    'settings:set': async (patch) => {
      const result = await settings.update(patch);
      if (result.ok) bus.emit('settings:changed', result.value);
      return result;
    },
  };
  return { dispatch: createDispatcher(handlers), bus, settings, close: async () => undefined };
}
