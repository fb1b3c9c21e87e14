import type { AuditAnchoring } from '../../audit/audit-anchoring';
import type { AuditLog } from '../../audit/audit-log';
import type { EfmService } from '../../efm/efm-service';
import type { ReviewDelivery } from '../../efm/review-delivery';
import type { EventBus } from '../../ipc/event-bus';
import type { WorkstationKey } from '../../keys/workstation-key';
import type { MediaInbox } from '../../media/media-inbox';
import type { HeldClaims } from '../../outbox/held-claims';
import type { OutboxDelivery } from '../../outbox/outbox-delivery';
import type { OutboxJournal } from '../../outbox/outbox-journal';
import type { CourtItCredential } from '../../secrets/court-it-credential';
import type { SecretStore } from '../../secrets/secret-store';
import type { SettingsStore } from '../../settings/settings-store';
import type { KnownUsers } from '../known-users';

/** The main-process services the channel handlers use, wired once by `createMainServices`. */
export interface HandlerContext {
  readonly version: string;
  readonly shell: 'electron' | 'loopback';
  readonly dataDir: string;
  readonly settings: SettingsStore;
  readonly secrets: SecretStore;
  readonly courtIt: CourtItCredential;
  readonly bus: EventBus;
  readonly efm: EfmService;
  readonly audit: AuditLog;
  readonly anchoring: AuditAnchoring;
  readonly workstationKey: Promise<WorkstationKey>;
  readonly journal: Promise<OutboxJournal>;
  readonly outbox: OutboxDelivery;
  readonly heldClaims: HeldClaims;
  readonly delivery: ReviewDelivery;
  readonly inbox: MediaInbox;
  readonly knownUsers: KnownUsers;
  /** Delivers filings imported from portable media that wait for the EFM; how many went. */
  deliverMedia(): Promise<number>;
}
