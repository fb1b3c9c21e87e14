import path from 'node:path';
import { AuditAnchoring } from '../audit/audit-anchoring';
import { AuditLog } from '../audit/audit-log';
import { EfmService } from '../efm/efm-service';
import { ReviewDelivery } from '../efm/review-delivery';
import type { EfmSimulator } from '../efm-sim/efm-simulator';
import { createDispatcher, type Dispatch, type Handlers } from '../ipc/dispatcher';
import { EventBus } from '../ipc/event-bus';
import { aesGcmSealer } from '../keys/payload-sealer';
import { WorkstationKey } from '../keys/workstation-key';
import { MediaInbox } from '../media/media-inbox';
import { HeldClaims } from '../outbox/held-claims';
import { OutboxDelivery } from '../outbox/outbox-delivery';
import { OutboxJournal } from '../outbox/outbox-journal';
import { CourtItCredential } from '../secrets/court-it-credential';
import { memoryCipher, SecretStore, type SecretCipher } from '../secrets/secret-store';
import { SettingsStore } from '../settings/settings-store';
import type { HandlerContext } from './handlers/handler-context';
import { mediaHandlers } from './handlers/media-handlers';
import { outboxHandlers } from './handlers/outbox-handlers';
import { reviewHandlers } from './handlers/review-handlers';
import { sessionHandlers } from './handlers/session-handlers';
import { settingsHandlers } from './handlers/settings-handlers';
import { supervisorHandlers } from './handlers/supervisor-handlers';
import { KnownUsers } from './known-users';

/** What the main process needs to know about where it runs. */
export interface MainServicesOptions {
  readonly dataDir: string;
  readonly version: string;
  readonly shell: 'electron' | 'loopback';
  /** Envelopes in the demo court (default 200). */
  readonly demoEnvelopeCount?: number;
  /** How secrets are sealed: Electron's safeStorage in the app; memory only in browser mode (the default). */
  readonly secretCipher?: SecretCipher;
  /** A demo EFM several workstations share (multi-clerk demos and tests). */
  readonly sharedSimulator?: Promise<EfmSimulator>;
  /** The embedded demo EFM keeps its database in the data folder (`demo-efm/`), so demo work survives a restart. */
  readonly demoEfmInDataFolder?: boolean;
  /** Opens the embedded demo EFM shortly after start (the first screen paints first), so sign-in does not wait. */
  readonly warmUpDemoEfm?: boolean;
}

/** The main process's services and the dispatcher both shells put behind their transport. */
export interface MainServices {
  readonly dispatch: Dispatch;
  readonly bus: EventBus;
  readonly settings: SettingsStore;
  readonly efm: EfmService;
  readonly audit: AuditLog;
  /** Stops background work (timers, servers) so the process can exit. */
  close(): Promise<void>;
}

const sixHours = 6 * 60 * 60 * 1000;

/**
 * Wires the services, the background work (outbox delivery, media delivery, journal compaction) and the contract's
 * handlers behind one dispatcher that enforces each channel's declared access and audit. The same code runs in
 * Electron and in the loopback host.
 */
export function createMainServices(options: MainServicesOptions): MainServices {
  const settings = new SettingsStore(options.dataDir);
  const bus = new EventBus();
  const secrets = new SecretStore(options.dataDir, options.secretCipher ?? memoryCipher);
  const demoDataDir = options.demoEfmInDataFolder ? path.join(options.dataDir, 'demo-efm') : null;
  const efm = new EfmService(settings, bus, secrets, options.demoEnvelopeCount, options.sharedSimulator, demoDataDir);
  if (options.warmUpDemoEfm) setTimeout(() => void efm.warmUpDemo(), 1000).unref();
  const workstationKey = WorkstationKey.load(options.dataDir, options.secretCipher ?? memoryCipher);
  const audit = new AuditLog(path.join(options.dataDir, 'audit'), { signer: workstationKey });
  const anchoring = new AuditAnchoring(audit, efm);
  const heldClaims = new HeldClaims(efm);
  const delivery = new ReviewDelivery((client) => efm.policyFor(client));
  // Opened (torn end repaired, indexed) at start, before the first call needs it.
  const journal = workstationKey.then(async (key) => {
    // Payloads (notes, stamped PDFs) sealed with the at-rest key derived from the keychain-sealed workstation key.
    const opened = new OutboxJournal(options.dataDir, key, { sealer: aesGcmSealer(key.atRestKey()) });
    await opened.open();
    return opened;
  });
  journal.catch((error: unknown) => console.error(`outbox journal: ${(error as Error).message}`));
  // Imported media (filings with their documents) sealed at rest like the journal.
  const mediaSealer = workstationKey.then((key) => aesGcmSealer(key.atRestKey()));
  mediaSealer.catch(() => undefined); // reported where it is used
  const inbox = new MediaInbox(options.dataDir, mediaSealer);
  const outbox = new OutboxDelivery({ journal, efm, delivery, heldClaims, audit, bus, afterApplied: () => void anchoring.anchor() });
  const deliverMedia = async (): Promise<number> => {
    let delivered = 0;
    for (const envelopeId of await inbox.waiting()) if ((await efm.withClient((client) => inbox.deliver(client, envelopeId))).ok) delivered += 1;
    return delivered;
  };
  const context: HandlerContext = {
    version: options.version, shell: options.shell, dataDir: options.dataDir, settings, secrets, bus, efm, audit, anchoring,
    workstationKey, journal, outbox, heldClaims, delivery, inbox, deliverMedia,
    courtIt: new CourtItCredential(options.dataDir), knownUsers: new KnownUsers(options.dataDir),
  };
  const handlers: Handlers = {
    ...sessionHandlers(context),
    ...settingsHandlers(context),
    ...reviewHandlers(context),
    ...outboxHandlers(context),
    ...mediaHandlers(context),
    ...supervisorHandlers(context),
  };
  const dispatch = createDispatcher(handlers, {
    session: () => efm.current(),
    courtItAllows: () => context.courtIt.allows(),
    audit: (entry) => audit.record(entry),
    knownUser: (name) => context.knownUsers.has(name),
  });

  outbox.start();
  // The EFM answers again after it was away: what waited goes now, not when its backoff (up to 5 minutes) runs out.
  const deliverOnReconnect = bus.connect((event, payload) => {
    if (event === 'connectivity:changed' && payload === 'online') void outbox.deliver(true);
  });
  // Filings imported from portable media while the EFM was away go with the same rhythm.
  const mediaTimer = setInterval(() => void deliverMedia().catch(() => undefined), 5000);
  mediaTimer.unref();
  const compactJournal = async (): Promise<void> => {
    const days = (await settings.get()).journalRetentionDays;
    await (await journal).compact(days * 24 * 60 * 60 * 1000);
  };
  const logCompaction = (error: unknown): void => console.error(`outbox journal compaction: ${(error as Error).message}`);
  void compactJournal().catch(logCompaction);
  const compactionTimer = setInterval(() => void compactJournal().catch(logCompaction), sixHours);
  compactionTimer.unref();

  return { dispatch, bus, settings, efm, audit, close: async () => {
    clearInterval(compactionTimer);
    deliverOnReconnect();
    clearInterval(mediaTimer);
    await outbox.dispose();
    anchoring.dispose();
    heldClaims.dispose();
    await journal.then((opened) => opened.close(), () => undefined);
    await efm.close();
  } };
}
