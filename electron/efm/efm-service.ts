import { timingSafeEqual } from 'node:crypto';
import type { Clock, Connectivity } from '../../shared/app-info';
import type { Session } from '../../shared/domain/session';
import { appError, type AppError } from '../../shared/errors';
import { err, ok, type Result } from '../../shared/result';
import { activeConnection, isRealEfmConfigured } from '../../shared/settings';
import type { SecretStore } from '../secrets/secret-store';
import { clientForConnection } from './connection-client';
import { makeDemoEnvelopes } from '../efm-sim/demo-envelopes';
import { EfmSimulator } from '../efm-sim/efm-simulator';
import type { EventBus } from '../ipc/event-bus';
import type { SettingsStore } from '../settings/settings-store';
import { EfmClient } from './efm-client';
import { CourtPolicyBook } from '../policy/court-policy-book';
import type { LoadedCourtPolicy } from '../policy/loaded-court-policy';

/**
 * How far the workstation's clock may be from the EFM's before the clerk is told and stamps use the EFM's time:
 * well inside the 5-minute WS-Security Timestamp window, so the clerk hears of it before the EFM refuses requests.
 */
export const clockSkewLimitMs = 120_000;

/**
 * The main process's link to the EFM: the court's (from settings) or the embedded demo simulator, started on first
 * use on loopback. Holds the signed-in clerk's credentials in memory only, and tracks whether the EFM is reachable.
 */
export class EfmService {
  #simulator: Promise<EfmSimulator> | null = null;
  readonly #ownsSimulator: boolean;
  #credentials: { username: string; password: string } | null = null;
  #session: Session | null = null;
  connectivity: Connectivity = 'unknown';
  /** The EFM's clock against this workstation's, from its last answer (null until one came). */
  clock: Clock | null = null;
  /** The court's policy, kept by version (opening and submitting never fetch it). */
  readonly policyBook = new CourtPolicyBook();
  #policyTimer: NodeJS.Timeout | null = null;
  #watchTimer: NodeJS.Timeout | null = null;
  #watching = false;

  constructor(
    private readonly settings: SettingsStore,
    private readonly bus: EventBus,
    private readonly secrets: SecretStore,
    /** Size of the demo court (benchmarks use 50,000). */
    private readonly demoEnvelopeCount = 200,
    /** A demo EFM shared by several workstations (multi-clerk demos and tests); by default each starts its own. */
    sharedSimulator?: Promise<EfmSimulator>,
    /** Where the embedded demo EFM keeps its database, so demo work survives a restart; null: in memory. */
    private readonly demoDataDir: string | null = null,
    /** How often the EFM is asked who is signed in and what they hold (and how long it may take to answer). */
    private readonly watchMs = 5_000,
  ) {
    this.#simulator = sharedSimulator ?? null;
    this.#ownsSimulator = !sharedSimulator;
  }

  /** Signs in: the credentials are checked by a real call to the EFM before the session exists. */
  async signIn(username: string, password: string): Promise<Result<Session>> {
    const client = await this.#clientFor({ username, password });
    // The EFM says who this is and in which role; the role is never taken from the renderer.
    const identity = await this.#track(client.whoAmI());
    if (!identity.ok) return identity;
    const real = isRealEfmConfigured(await this.settings.get());
    this.#credentials = { username, password };
    this.#session = { username, displayName: identity.value.displayName, role: identity.value.role, locked: false, efmMode: real ? 'real' : 'demo', signedInAt: new Date().toISOString() };
    this.bus.emit('session:changed', this.#session);
    // The policy is checked now and then every quarter hour, never on open or submit.
    void this.refreshPolicy();
    this.#policyTimer ??= setInterval(() => {
      if (this.policyBook.due()) void this.refreshPolicy();
    }, 60_000).unref();
    this.#watchTimer ??= setInterval(() => void this.#watch(), this.watchMs).unref();
    return ok(this.#session);
  }

  /** The court's policy as held (loaded on first use). */
  async courtPolicy(): Promise<Result<LoadedCourtPolicy>> {
    const key = await this.#courtKey();
    return this.withClient((client) => this.policyBook.current(client, key));
  }

  /** The held policy, read with a given client (submissions already hold one). */
  async policyFor(client: EfmClient): Promise<Result<LoadedCourtPolicy>> {
    return this.policyBook.current(client, await this.#courtKey());
  }

  /** Asks the court whether it published a new policy version, and takes it when it did. */
  async refreshPolicy(): Promise<Result<LoadedCourtPolicy>> {
    const key = await this.#courtKey();
    return this.withClient((client) => this.policyBook.refresh(client, key));
  }

  /** Which court's policy the book holds: the active connection's, or the demo EFM's. */
  async #courtKey(): Promise<string> {
    const connection = activeConnection(await this.settings.get());
    return connection ? `${connection.endpoint}#${connection.courtId}` : 'demo';
  }

  /** The signed-in session, if any. */
  current(): Session | null {
    return this.#session;
  }

  /** Idle lock: keeps the session (claims renew, the outbox delivers) but refuses what shows documents until unlock. */
  lock(): void {
    if (!this.#session || this.#session.locked) return;
    this.#session = { ...this.#session, locked: true };
    this.bus.emit('session:changed', this.#session);
  }

  /** Unlocks with the signed-in user's password, checked locally (works while the EFM is unreachable). */
  unlock(password: string): Result<Session> {
    if (!this.#session || !this.#credentials) return err(appError('unauthorized', 'Nobody is signed in'));
    const expected = Buffer.from(this.#credentials.password);
    const given = Buffer.from(password);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return err(appError('unauthorized', 'Wrong password'));
    this.#session = { ...this.#session, locked: false };
    this.bus.emit('session:changed', this.#session);
    return ok(this.#session);
  }

  /** True while the idle lock is on. */
  isLocked(): boolean {
    return this.#session?.locked === true;
  }

  /** Forgets the credentials. */
  signOut(): void {
    if (this.#watchTimer) clearInterval(this.#watchTimer);
    this.#watchTimer = null;
    this.#credentials = null;
    this.#session = null;
    this.bus.emit('session:changed', null);
  }

  /** Runs a call with the signed-in clerk's client, tracking connectivity. */
  async withClient<T>(call: (client: EfmClient) => Promise<Result<T>>): Promise<Result<T>> {
    if (!this.#credentials) return err(appError('unauthorized', 'Sign in to the EFM first'));
    return this.#track(call(await this.#clientFor(this.#credentials)));
  }

  /** The embedded demo EFM, when demo mode has started it (demo tooling and end-to-end tests inspect what it received). */
  async demoSimulator(): Promise<EfmSimulator | null> {
    return this.#simulator ? this.#simulator : null;
  }

  /** Stops the demo simulator if it was started. */
  async close(): Promise<void> {
    if (this.#policyTimer) clearInterval(this.#policyTimer);
    if (this.#watchTimer) clearInterval(this.#watchTimer);
    this.#policyTimer = null;
    this.#watchTimer = null;
    const simulator = this.#simulator;
    this.#simulator = null;
    if (simulator && this.#ownsSimulator) await (await simulator).close();
  }

  /**
   * Starts the embedded demo EFM (opening its database) ahead of the first sign-in, when no court EFM is configured.
   * Called once the first screen is up, so opening the database does not delay it.
   */
  async warmUpDemo(): Promise<void> {
    if (activeConnection(await this.settings.get())) return;
    await this.#demo().catch(() => undefined);
  }

  /**
   * Asks the EFM who is signed in and which envelopes they hold, every `watchMs` while someone is signed in. The
   * header's connection state comes from this last real exchange (offline within seconds, not at the next click), and
   * the screens learn at once when a claim was taken away (`claims:held`). One short request, never retried.
   */
  async #watch(): Promise<void> {
    const credentials = this.#credentials;
    if (this.#watching || !credentials) return;
    this.#watching = true;
    try {
      const client = await this.#clientFor(credentials, { timeoutMs: this.watchMs, retries: 0 });
      const answer = await this.#track(client.whoAmI());
      if (answer.ok && this.#credentials === credentials) this.bus.emit('claims:held', [...answer.value.heldClaims]);
    } finally {
      this.#watching = false;
    }
  }

  async #clientFor(credentials: { username: string; password: string }, tuning: { timeoutMs?: number; retries?: number } = {}): Promise<EfmClient> {
    const settings = await this.settings.get();
    const connection = activeConnection(settings);
    const onClock = (skewMs: number): void => this.#noteClock(skewMs);
    const describeErrorCode = (code: string): string | null => this.policyBook.held()?.errorCodeName(code) ?? null;
    const timeout = tuning.timeoutMs === undefined ? {} : { timeoutMs: tuning.timeoutMs };
    if (connection) return clientForConnection(connection, this.secrets, credentials, tuning.retries, { onClock, describeErrorCode, ...timeout });
    return new EfmClient({ endpoint: (await this.#demo()).url, credentials, onClock, describeErrorCode, ...timeout, ...(tuning.retries === undefined ? {} : { retries: tuning.retries }) });
  }

  /** Keeps the EFM's clock reading; tells the screens when it moved by a second or crossed the limit. */
  #noteClock(skewMs: number): void {
    const rounded = Math.round(skewMs);
    const next: Clock = { skewMs: rounded, limitMs: clockSkewLimitMs, overLimit: Math.abs(rounded) > clockSkewLimitMs };
    const before = this.clock;
    this.clock = next;
    if (!before || before.overLimit !== next.overLimit || Math.abs(before.skewMs - next.skewMs) > 1000) this.bus.emit('clock:changed', next);
  }

  #demo(): Promise<EfmSimulator> {
    this.#simulator ??= new EfmSimulator({
      ...(this.demoEnvelopeCount === 200 ? {} : { envelopes: makeDemoEnvelopes(this.demoEnvelopeCount) }),
      ...(this.demoDataDir ? { dataDir: this.demoDataDir } : {}),
    }).start();
    return this.#simulator;
  }

  async #track<T>(pending: Promise<Result<T>>): Promise<Result<T>> {
    const result = await pending;
    const now = result.ok || !isUnreachable(result.error) ? 'online' : 'offline';
    if (now !== this.connectivity) this.bus.emit('connectivity:changed', now);
    this.connectivity = now;
    return result;
  }
}

function isUnreachable(error: AppError): boolean {
  return error.code === 'efm-unreachable' || error.code === 'efm-timeout';
}
