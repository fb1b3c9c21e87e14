import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { decodeWire, encodeWire } from '../../shared/ipc/wire';
import type { Result } from '../../shared/result';
import type { EfmClient } from '../efm/efm-client';
import type { PayloadSealer } from '../keys/payload-sealer';
import { writeFileAtomic } from '../settings/atomic-file';
import type { PortableMedium } from './portable-medium';

/** The EFM's synchronous answer to a medium's ReviewFiling, as the printed receipt shows it. */
export interface MediumAnswer {
  /** Which answer it was: the ECF 4.0 MessageReceiptMessage of an ECF 4 medium, or ECF 5.0's MessageStatus. */
  readonly answeredIn: 'ECF 4.0 MessageReceiptMessage' | 'ECF 5.0 MessageStatus';
  readonly statusCode: string | null;
  readonly errorCode: string;
  readonly errorText: string | null;
  readonly courtEnvelopeId: string | null;
  /** The court's id of each filing. */
  readonly filingIds: readonly string[];
}

/** A medium received on this workstation and its way to the EFM. */
interface InboxItem {
  readonly envelopeId: string;
  readonly receivedAt: string;
  readonly filingMessageXml: string;
  /** A medium made in ECF 4: its ReviewFilingRequestMessage, delivered as it is (absent in earlier versions' files). */
  readonly ecf4RequestXml?: string | null;
  readonly attachments: readonly { contentId: string; contentType: string; bytes: Uint8Array }[];
  readonly deliveredAt: string | null;
  readonly responseXml: string | null;
}

/**
 * Filings loaded from portable media, kept on disk (atomically, fsynced) until the EFM has taken them: an import
 * during an outage is not lost, and is handed over when the EFM answers again. The EFM dedupes by envelope id.
 * With a sealer the files are encrypted at rest (`.sealed`); files of earlier versions (`.json`) still read.
 */
export class MediaInbox {
  readonly #folder: string;

  constructor(dataDir: string, private readonly sealer: Promise<PayloadSealer> | null = null) {
    this.#folder = path.join(dataDir, 'media-inbox');
  }

  /** Keeps a checked medium; resolves once it is on disk. */
  async keep(medium: PortableMedium, receivedAt: string): Promise<void> {
    const item: InboxItem = { envelopeId: medium.envelope.id, receivedAt, filingMessageXml: medium.filingMessageXml, ecf4RequestXml: medium.ecf4RequestXml, attachments: medium.attachments.map((part) => ({ contentId: part.contentId, contentType: part.contentType, bytes: new Uint8Array(part.body) })), deliveredAt: null, responseXml: null };
    await this.#write(item);
  }

  /**
   * Hands one kept filing to the EFM (an ECF 4 medium to its ECF 4 port, as it was made); on success it is marked
   * delivered with the EFM's answer.
   */
  async deliver(client: EfmClient, envelopeId: string): Promise<Result<MediumAnswer>> {
    const item = await this.#read(envelopeId);
    const parts = item.attachments.map((a) => ({ contentId: a.contentId, contentType: a.contentType, body: Buffer.from(a.bytes) }));
    const delivered = async (responseXml: string): Promise<void> => this.#write({ ...item, deliveredAt: new Date().toISOString(), responseXml });
    if (item.ecf4RequestXml) {
      const answer = await client.reviewFiling4(item.ecf4RequestXml, parts);
      if (!answer.ok) return answer;
      await delivered(answer.value.responseXml);
      const { receipt } = answer.value;
      return { ok: true, value: {
        answeredIn: 'ECF 4.0 MessageReceiptMessage', statusCode: null, errorCode: receipt.errors[0]?.code ?? '0', errorText: receipt.errors[0]?.text ?? null,
        courtEnvelopeId: receipt.envelopeIds[0] ?? null, filingIds: receipt.filingIds,
      } };
    }
    const answer = await client.reviewFiling(item.filingMessageXml, parts);
    if (!answer.ok) return answer;
    await delivered(answer.value.responseXml);
    return { ok: true, value: {
      answeredIn: 'ECF 5.0 MessageStatus', statusCode: answer.value.status.statusCode, errorCode: answer.value.status.errorCode,
      errorText: answer.value.status.errorText, courtEnvelopeId: answer.value.courtIds.envelopeId, filingIds: answer.value.courtIds.filingIds,
    } };
  }

  /** Envelope ids still waiting for the EFM (a file that cannot be read is left alone, not fatal). */
  async waiting(): Promise<string[]> {
    const names = await readdir(this.#folder).catch(() => [] as string[]);
    const ids: string[] = [];
    for (const name of names.filter((n) => n.endsWith('.json') || n.endsWith('.sealed'))) {
      const item = await this.#readFile(path.join(this.#folder, name)).catch(() => null);
      if (item && !item.deliveredAt) ids.push(item.envelopeId);
    }
    return ids;
  }

  async #read(envelopeId: string): Promise<InboxItem> {
    return this.#readFile(this.#file(envelopeId, '.sealed')).catch(() => this.#readFile(this.#file(envelopeId, '.json')));
  }

  async #readFile(file: string): Promise<InboxItem> {
    const bytes = await readFile(file);
    if (!file.endsWith('.sealed')) return decodeWire(bytes.toString('utf8')) as InboxItem;
    const opened = (await this.sealer)?.open(bytes);
    if (!opened) throw new Error(`${path.basename(file)} cannot be opened with this workstation's key`);
    return decodeWire(opened.toString('utf8')) as InboxItem;
  }

  async #write(item: InboxItem): Promise<void> {
    await mkdir(this.#folder, { recursive: true, mode: 0o700 });
    const sealer = await this.sealer;
    const text = encodeWire(item);
    if (!sealer) return writeFileAtomic(this.#file(item.envelopeId, '.json'), text);
    await writeFileAtomic(this.#file(item.envelopeId, '.sealed'), sealer.seal(Buffer.from(text, 'utf8')));
    // A copy an earlier version kept in clear goes once the sealed one is on disk.
    await rm(this.#file(item.envelopeId, '.json'), { force: true });
  }

  #file(envelopeId: string, extension: '.json' | '.sealed'): string {
    return path.join(this.#folder, `${encodeURIComponent(envelopeId)}${extension}`);
  }
}
