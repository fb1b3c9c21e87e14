import { ok } from '../../shared/result';
import { isRealEfmConfigured } from '../../shared/settings';
import { EfmService } from '../efm/efm-service';
import { submitReview } from '../efm/submit-review';
import { createDispatcher, type Dispatch, type Handlers } from '../ipc/dispatcher';
import { EventBus } from '../ipc/event-bus';
import { SettingsStore } from '../settings/settings-store';

/** What the main process needs to know about where it runs. */
export interface MainServicesOptions {
  readonly dataDir: string;
  readonly version: string;
  readonly shell: 'electron' | 'loopback';
  /** Envelopes in the demo court (default 200). */
  readonly demoEnvelopeCount?: number;
}

/** The main process's services and the dispatcher both shells put behind their transport. */
export interface MainServices {
  readonly dispatch: Dispatch;
  readonly bus: EventBus;
  readonly settings: SettingsStore;
  readonly efm: EfmService;
  /** Stops background work (timers, servers) so the process can exit. */
  close(): Promise<void>;
}

/** Wires the services and the contract's handlers; the same code runs in Electron and in the loopback host. */
export function createMainServices(options: MainServicesOptions): MainServices {
  const settings = new SettingsStore(options.dataDir);
  const bus = new EventBus();
  const efm = new EfmService(settings, bus, options.demoEnvelopeCount);
  const handlers: Handlers = {
    'app:info': async () => {
      const current = await settings.get();
      const real = isRealEfmConfigured(current);
      return ok({
        name: 'Clerk Review Desk',
        version: options.version,
        efmMode: real ? 'real' : 'demo',
        efmEndpoint: current.efm.endpoint,
        // Known after the first call; the demo EFM runs in this process and is always reachable.
        connectivity: real ? efm.connectivity : 'online',
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
    'session:sign-in': async ({ username, password }) => efm.signIn(username, password),
    'session:current': async () => ok(efm.current()),
    'session:sign-out': async () => {
      efm.signOut();
      return ok(null);
    },
    'policy:get': async () => efm.withClient((client) => client.getCourtPolicy()),
    'cases:find': async ({ partyNames, category }) => efm.withClient((client) => client.findCases(partyNames, category)),
    'cases:get': async ({ caseNumber }) => efm.withClient((client) => client.getCase(caseNumber)),
    'queue:page': async (request) => efm.withClient((client) => client.getReviewQueue(request)),
    'envelope:get': async ({ envelopeId }) => efm.withClient((client) => client.getEnvelope(envelopeId)),
    'envelope:history': async ({ envelopeId }) => efm.withClient((client) => client.getEnvelopeHistory(envelopeId)),
    'document:get': async ({ envelopeId, documentId }) => efm.withClient((client) => client.getDocument(envelopeId, documentId)),
    'claim:acquire': async ({ envelopeId }) => efm.withClient((client) => client.claim(envelopeId)),
    'claim:renew': async ({ envelopeId, fencingToken }) => efm.withClient((client) => client.renew(envelopeId, fencingToken)),
    'claim:release': async ({ envelopeId, fencingToken }) => efm.withClient((client) => client.release(envelopeId, fencingToken)),
    'review:submit': async (args) => {
      const session = efm.current();
      return efm.withClient((client) => submitReview(client, { id: session?.username ?? 'unknown', name: session?.username ?? 'unknown' }, args));
    },
  };
  return { dispatch: createDispatcher(handlers), bus, settings, efm, close: () => efm.close() };
}
