import path from 'node:path';
import { appError } from '../../shared/errors';
import type { Channel } from '../../shared/ipc/contract';
import { err, ok, type Result } from '../../shared/result';
import { AuditLog } from '../audit/audit-log';
import { AuditAnchoring } from '../audit/audit-anchoring';
import { supervisorHandlers } from './supervisor-handlers';
import { activeConnection, isRealEfmConfigured } from '../../shared/settings';
import { memoryCipher, SecretStore, type SecretCipher } from '../secrets/secret-store';
import { settingsHandlers } from './settings-handlers';
import { EfmService } from '../efm/efm-service';
import type { EfmSimulator } from '../efm-sim/efm-simulator';
import { ReviewDelivery } from '../efm/review-delivery';
import { OutboxJournal } from '../outbox/outbox-journal';
import { HeldClaims } from '../outbox/held-claims';
import { OutboxDelivery } from '../outbox/outbox-delivery';
import { WorkstationKey } from '../keys/workstation-key';
import { inspectCmsZip } from '../cms/cms-zip';
import { importMedium } from '../media/import-medium';
import { MediaInbox } from '../media/media-inbox';
import { exportCmsZip } from '../cms/export-cms-zip';
import { createDispatcher, type CallContext, type Dispatch, type Handlers } from '../ipc/dispatcher';
import { EventBus } from '../ipc/event-bus';
import { SettingsStore } from '../settings/settings-store';

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

/** Wires the services and the contract's handlers; the same code runs in Electron and in the loopback host. */
export function createMainServices(options: MainServicesOptions): MainServices {
  const settings = new SettingsStore(options.dataDir);
  const bus = new EventBus();
  const secrets = new SecretStore(options.dataDir, options.secretCipher ?? memoryCipher);
  const efm = new EfmService(settings, bus, secrets, options.demoEnvelopeCount, options.sharedSimulator);
  const workstationKey = WorkstationKey.load(options.dataDir, options.secretCipher ?? memoryCipher);
  const audit = new AuditLog(path.join(options.dataDir, 'audit'), { signer: workstationKey });
  const anchoring = new AuditAnchoring(audit, efm);
  const heldClaims = new HeldClaims(efm);
  const delivery = new ReviewDelivery();
  // Opened (torn end repaired, indexed) at start, before the first call needs it.
  const journalReady = workstationKey.then(async (key) => {
    const journal = new OutboxJournal(options.dataDir, key);
    await journal.open();
    return journal;
  });
  journalReady.catch((error: unknown) => console.error(`outbox journal: ${(error as Error).message}`));
  const compactJournal = async (): Promise<void> => {
    const days = (await settings.get()).journalRetentionDays;
    await (await journalReady).compact(days * 24 * 60 * 60 * 1000);
  };
  const logCompaction = (error: unknown): void => console.error(`outbox journal compaction: ${(error as Error).message}`);
  void compactJournal().catch(logCompaction);
  const compactionTimer = setInterval(() => void compactJournal().catch(logCompaction), 6 * 60 * 60 * 1000);
  compactionTimer.unref();
  const inbox = new MediaInbox(options.dataDir);
  const outbox = new OutboxDelivery({ journal: journalReady, efm, delivery, heldClaims, audit, bus, afterApplied: () => void anchoring.anchor() });
  // Filings imported from portable media while the EFM was away go with the same rhythm.
  const deliverMedia = async (): Promise<number> => {
    let delivered = 0;
    for (const envelopeId of await inbox.waiting()) if ((await efm.withClient((client) => inbox.deliver(client, envelopeId))).ok) delivered += 1;
    return delivered;
  };
  outbox.start();
  const mediaTimer = setInterval(() => void deliverMedia().catch(() => undefined), 5000);
  mediaTimer.unref();
  const handlers: Handlers = {
    'app:info': async () => {
      const current = await settings.get();
      const real = isRealEfmConfigured(current);
      return ok({
        name: 'Clerk Review Desk',
        version: options.version,
        efmMode: real ? 'real' : 'demo',
        efmEndpoint: activeConnection(current)?.endpoint ?? '',
        // Known after the first call to the EFM; `connectivity:changed` follows it from then on.
        connectivity: efm.connectivity,
        shell: options.shell,
        dataDir: options.dataDir,
        signingKey: await workstationKey.then((key) => ({ keyId: key.keyId, warning: key.warning }), () => null),
      });
    },
    ...settingsHandlers(settings, secrets, efm, bus, audit),
    'session:sign-in': async ({ username, password }) => {
      const session = await efm.signIn(username, password);
      await audit.record({ user: username, action: 'sign-in', object: 'session', outcome: session.ok ? 'ok' : 'refused', detail: session.ok ? `as ${session.value.role}` : session.error.message });
      if (session.ok) {
        await anchoring.afterSignIn(username);
        // This clerk's decisions that waited for them go now.
        void outbox.deliver(true);
      }
      return session;
    },
    'session:current': async () => ok(efm.current()),
    'session:lock': async () => {
      const user = efm.current()?.username;
      efm.lock();
      if (user) await audit.record({ user, action: 'lock', object: 'session', outcome: 'ok', detail: 'idle lock' });
      await anchoring.anchor();
      return ok(null);
    },
    'session:unlock': async ({ password }) => {
      const unlocked = efm.unlock(password);
      await audit.record({ user: efm.current()?.username ?? 'unknown', action: 'unlock', object: 'session', outcome: unlocked.ok ? 'ok' : 'refused', detail: unlocked.ok ? null : unlocked.error.message });
      return unlocked;
    },
    'session:sign-out': async () => {
      const user = efm.current()?.username;
      if (user) await audit.record({ user, action: 'sign-out', object: 'session', outcome: 'ok' });
      // Anchored while the session still exists: the EFM needs it.
      await anchoring.anchor();
      efm.signOut();
      return ok(null);
    },
    'efm:ping': async () => efm.withClient(async (client) => {
      const answer = await client.whoAmI();
      return answer.ok ? ok(null) : answer;
    }),
    'policy:get': async () => efm.withClient((client) => client.getCourtPolicy()),
    'cases:find': async ({ partyNames, category }) => efm.withClient((client) => client.findCases(partyNames, category)),
    'cases:get': async ({ caseNumber }) => efm.withClient((client) => client.getCase(caseNumber)),
    'queue:page': async (request) => efm.withClient((client) => client.getReviewQueue(request)),
    'envelope:get': async ({ envelopeId }) => efm.withClient((client) => client.getEnvelope(envelopeId)),
    'envelope:history': async ({ envelopeId }) => efm.withClient((client) => client.getEnvelopeHistory(envelopeId)),
    'document:get': async ({ envelopeId, documentId }) => efm.withClient((client) => client.getDocument(envelopeId, documentId)),
    'claim:acquire': async ({ envelopeId, leaseMinutes }) => {
      const lease = await efm.withClient((client) => client.claim(envelopeId, leaseMinutes === undefined ? undefined : leaseMinutes * 60));
      await audit.record({ user: efm.current()?.username ?? 'unknown', action: 'claim', object: envelopeId, outcome: lease.ok ? 'ok' : 'refused', detail: lease.ok ? `token ${lease.value.fencingToken}` : lease.error.message });
      return lease;
    },
    'claim:renew': async ({ envelopeId, fencingToken }) => efm.withClient((client) => client.renew(envelopeId, fencingToken)),
    'claim:release': async ({ envelopeId, fencingToken }) => {
      // Decisions for this envelope still wait in the outbox: keep the claim until they are delivered.
      const waiting = await journalReady.then((journal) => journal.waitingFor(envelopeId), () => []);
      if (waiting.length > 0) {
        heldClaims.hold(envelopeId, fencingToken);
        // The EFM is told too: it releases the envelope itself once the last waiting submission lands, even if this
        // workstation is gone by then.
        void efm.withClient((client) => client.release(envelopeId, fencingToken, waiting.at(-1) ?? null));
        await audit.record({ user: efm.current()?.username ?? 'unknown', action: 'release', object: envelopeId, outcome: 'ok', detail: `held until ${waiting.length} decision(s) are delivered` });
        return ok(null);
      }
      const released = await efm.withClient((client) => client.release(envelopeId, fencingToken));
      await audit.record({ user: efm.current()?.username ?? 'unknown', action: 'release', object: envelopeId, outcome: released.ok ? 'ok' : 'failed', detail: released.ok ? null : released.error.message });
      return released;
    },
    'outbox:record': async ({ payload, reviewer }) => {
      try {
        await (await journalReady).record(payload, reviewer);
        return ok(null);
      } catch (error) {
        return err(appError('storage-failed', `The decision could not be written to this workstation's journal: ${(error as Error).message}`));
      }
    },
    'outbox:withdraw': async ({ idempotencyKey }) => {
      try {
        return ok(await (await journalReady).withdraw(idempotencyKey));
      } catch (error) {
        return err(appError('storage-failed', (error as Error).message));
      }
    },
    'outbox:deliver': async ({ idempotencyKey }) => ok(await outbox.deliver(true, idempotencyKey)),
    'outbox:retry': async ({ idempotencyKey }) => outbox.retry(idempotencyKey),
    'outbox:discard': async ({ idempotencyKey, note }) => outbox.discard(idempotencyKey, note, efm.current()?.username ?? 'unknown'),
    'outbox:journal': async ({ cursor, limit }) => {
      try {
        return ok(await (await journalReady).page(cursor, limit));
      } catch (error) {
        return err(appError('storage-failed', `This workstation's journal could not be read: ${(error as Error).message}`));
      }
    },
    'cms:export-zip': async ({ payload }) => {
      const session = efm.current();
      const user = session?.username ?? 'unknown';
      const zip = await efm.withClient((client) => exportCmsZip(client, { id: user, name: session?.displayName ?? user }, payload));
      await audit.record({ user, action: 'export', object: zip.ok ? zip.value.fileName : payload.envelopeId, outcome: zip.ok ? 'ok' : 'failed', detail: zip.ok ? `CMS zip, ${zip.value.documents} documents` : zip.error.message });
      return zip;
    },
    'media:import': async ({ files }) => {
      const user = efm.current()?.username ?? 'workstation';
      const policy = await efm.withClient((client) => client.getCourtPolicy());
      const imported = await importMedium(files, inbox, { user, courtName: policy.ok ? policy.value.courtName : '', withClient: (call) => efm.withClient(call) });
      await audit.record({ user, action: 'media-import', object: imported.imported ? imported.envelopeId : `${files.length} files`, outcome: imported.imported ? 'ok' : 'refused', detail: imported.imported ? imported.message : imported.problems.join(' | ').slice(0, 1000) });
      return ok(imported);
    },
    'media:deliver-waiting': async () => {
      const delivered = await deliverMedia();
      return ok({ delivered, waiting: (await inbox.waiting()).length });
    },
    'cms:inspect-zip': async ({ fileName, bytes }) => ok(inspectCmsZip(fileName, bytes)),
    ...supervisorHandlers(efm, audit, () => anchoring.verify()),
  };
  return { dispatch: createDispatcher(lockGate(handlers, efm)), bus, settings, efm, audit, close: async () => {
    clearInterval(compactionTimer);
    clearInterval(mediaTimer);
    await outbox.dispose();
    anchoring.dispose();
    heldClaims.dispose();
    await journalReady.then((journal) => journal.close(), () => undefined);
    await efm.close();
  } };
}

// What shows case content: refused while the idle lock is on. Claims keep renewing and the outbox keeps delivering.
const hiddenWhileLocked = new Set<Channel>(['queue:page', 'envelope:get', 'envelope:history', 'document:get', 'cases:find', 'cases:get', 'supervisor:workload', 'supervisor:exceptions', 'audit:query']);

/** Wraps the handlers so the channels that show case content answer `unauthorized` while the session is locked. */
function lockGate(handlers: Handlers, efm: EfmService): Handlers {
  const gated = { ...handlers } as Record<Channel, (args: never, ctx: CallContext) => Promise<Result<unknown>>>;
  for (const channel of hiddenWhileLocked) {
    const inner = gated[channel];
    gated[channel] = async (args, ctx) => (efm.isLocked() ? err(appError('unauthorized', 'The workstation is locked: sign in again to see case content')) : inner(args, ctx));
  }
  return gated as unknown as Handlers;
}
