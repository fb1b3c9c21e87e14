import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { appError } from '../../shared/errors';
import { err, ok, type Result } from '../../shared/result';
import { defaultSettings, mergeSettings, settingsSchema, type Settings } from '../../shared/settings';
import { writeFileAtomic } from './atomic-file';
import { describeRejectedInput } from '../../shared/ipc/rejected-input';

/** File name of the settings document inside the data folder. */
export const settingsFileName = 'settings.json';

/**
 * The settings document on disk (no secrets: those go to the OS keychain). Reads tolerate a missing or damaged
 * file — a damaged one is kept aside as `settings.json.damaged-<time>` and the defaults are used — and writes are
 * atomic, so a crash never leaves a half-written file.
 */
export class SettingsStore {
  readonly #file: string;
  #current: Settings | null = null;
  /** What happened on load that the user should hear about (a damaged file set aside). */
  loadWarning: string | null = null;

  constructor(dataDir: string) {
    this.#file = path.join(dataDir, settingsFileName);
  }

  /** The current settings, loading them on first use. */
  async get(): Promise<Settings> {
    this.#current ??= await this.#load();
    return this.#current;
  }

  /** Validates and saves a patch; returns the new settings or why they were refused. */
  async update(patch: Partial<Settings>): Promise<Result<Settings>> {
    const next = settingsSchema.safeParse(mergeSettings(await this.get(), patch));
    if (!next.success) {
      const issue = next.error.issues[0];
      return err(appError('invalid-arguments', describeRejectedInput(issue), { field: issue?.path.join('.') ?? '' }));
    }
    try {
      await mkdir(path.dirname(this.#file), { recursive: true });
      await writeFileAtomic(this.#file, `${JSON.stringify(next.data, null, 2)}\n`);
    } catch (cause) {
      return err(appError('storage-failed', `Settings were not saved: ${(cause as Error).message}`));
    }
    this.#current = next.data;
    return ok(next.data);
  }

  async #load(): Promise<Settings> {
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch {
      return defaultSettings;
    }
    try {
      // Fields added by newer versions get their defaults; unknown fields are dropped by the schema.
      const stored = JSON.parse(text) as Partial<Settings> & { efm?: LegacyEfm };
      return settingsSchema.parse({ ...defaultSettings, ...stored, ...fromLegacyEfm(stored) });
    } catch {
      const aside = `${this.#file}.damaged-${Date.now()}`;
      await rename(this.#file, aside).catch(() => undefined);
      this.loadWarning = `Settings file was damaged; it was kept as ${path.basename(aside)} and defaults are in use.`;
      return defaultSettings;
    }
  }
}

/** The single `efm` block of settings written before named connections. */
interface LegacyEfm {
  readonly endpoint?: string;
  readonly courtId?: string;
  readonly username?: string;
}

/** An old single EFM endpoint becomes the active connection "court"; without one, nothing changes. */
function fromLegacyEfm(stored: { efm?: LegacyEfm; connections?: unknown }): Partial<Settings> {
  if (stored.connections !== undefined || !stored.efm?.endpoint) return {};
  return {
    connections: [{ id: 'court', name: 'Court EFM', endpoint: stored.efm.endpoint, courtId: stored.efm.courtId ?? '', username: stored.efm.username ?? '', tlsCaPem: null, clientCertPem: null, pinnedEfmCertPem: null }],
    activeConnectionId: 'court',
  };
}
