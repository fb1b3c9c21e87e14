import { readFile } from 'node:fs/promises';
import type { Envelope, FilingDocument } from '../../shared/domain/envelope';
import type { EcfVersion } from '../../shared/ecf/any-filing-message';
import { readFilingXml } from '../../shared/ecf/read-ecf';
import { parseCliArgs, UsageError, type CliIo } from './cli-args';

/** Usage of `clerk-review ecf inspect`. */
export const ecfInspectUsage = 'clerk-review ecf inspect FILE.xml [--json]';

/**
 * `ecf inspect`: prints the envelope of an ECF 5.0 FilingMessage or an ECF 4.0/4.01 CoreFilingMessage (or a message
 * wrapping one), with the version it came in, or why it cannot. Both versions print the same JSON shape.
 */
export async function runEcfInspect(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCliArgs(argv, ['json']);
  const [file] = args.positionals;
  if (!file || args.positionals.length > 1) throw new UsageError('ecf inspect takes one file');
  const result = readFilingXml(await readFile(file, 'utf8'));
  if (!result.ok) {
    if (args.flags.has('json')) io.out(`${JSON.stringify({ ok: false, file, error: result.error }, null, 2)}\n`);
    else io.err(`${file}: ${result.error.message}\n`);
    return 1;
  }
  const { ecfVersion, envelope } = result.value;
  io.out(args.flags.has('json') ? `${JSON.stringify({ ok: true, file, ecfVersion, envelope }, null, 2)}\n` : describeEnvelope(envelope, ecfVersion));
  return 0;
}

function describeEnvelope(envelope: Envelope, ecfVersion: EcfVersion): string {
  const names = new Map(envelope.parties.map((party) => [party.id, party.name]));
  const kase = envelope.case;
  const lines = [
    `Envelope ${envelope.id}${envelope.submittedAt ? ` submitted ${envelope.submittedAt}` : ''}${envelope.filer ? ` by ${envelope.filer}` : ''}`,
    `ECF ${ecfVersion}`,
    `Court ${envelope.courtName ?? envelope.courtId ?? 'unknown'}`,
    `Case: ${kase.isNew ? 'New case' : (kase.number ?? 'unnumbered')}${kase.title ? ` — ${kase.title}` : ''} (category ${kase.category ?? '?'}, type ${kase.type ?? '?'}${kase.augmentations.length ? `, ${kase.augmentations.join('/')}` : ''})`,
    'Parties:',
    ...envelope.parties.map((p) => `  ${p.name} (${p.role ?? 'no role'}${p.selfRepresented ? ', self-represented' : ''})`),
    ...(envelope.attorneys.length ? ['Attorneys:', ...envelope.attorneys.map((a) => `  ${a.name}${a.barNumber ? ` bar ${a.barNumber}` : ''} for ${a.represents.map((id) => names.get(id) ?? id).join(', ') || 'nobody named'}`)] : []),
    `Filings (${envelope.filings.length}):`,
    ...envelope.filings.flatMap((filing, index) => [
      `  ${index + 1}. ${filing.filingCode ?? 'no filing code'} — ${filing.description ?? 'no description'}`,
      `     lead: ${describeDocument(filing.leadDocument)}`,
      ...filing.connectedDocuments.map((d) => `     ${d.relation ?? 'connected'}: ${describeDocument(d)}`),
    ]),
  ];
  return `${lines.join('\n')}\n`;
}

function describeDocument(document: FilingDocument): string {
  const renditions = document.renditions.map((r) => `${r.format ?? '?'} ${r.attachment.kind === 'cid' ? `cid:${r.attachment.contentId}` : r.attachment.kind}${r.sizeBytes !== null ? ` ${r.sizeBytes} bytes` : ''}`);
  return `${document.title ?? document.description ?? document.id} [${renditions.join('; ') || 'no rendition'}]`;
}
