import { readFile } from 'node:fs/promises';
import { loadPdf } from '../../shared/pdf/load-pdf';
import { parseCliArgs, UsageError, type CliIo } from './cli-args';

/** Usage of `clerk-review pdf inspect`. */
export const pdfInspectUsage = 'clerk-review pdf inspect FILE.pdf [--json]';

/**
 * `pdf inspect`: classification (ok / encrypted / signed / form fields / corrupt / not a PDF), pages, signatures,
 * encryption. Exit 0 when the file can be stamped, 1 when it cannot.
 */
export async function runPdfInspect(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCliArgs(argv, ['json']);
  const [file] = args.positionals;
  if (!file || args.positionals.length > 1) throw new UsageError('pdf inspect takes one file');
  const { inspection } = await loadPdf(new Uint8Array(await readFile(file)));
  if (args.flags.has('json')) {
    io.out(`${JSON.stringify({ file, ...inspection }, null, 2)}\n`);
  } else {
    const lines = [
      `${file}: ${inspection.kind}${inspection.canStamp ? '' : ' (cannot be stamped)'}`,
      `  ${inspection.message}`,
      `  Suggested action: ${inspection.suggestedAction}`,
      `  PDF version: ${inspection.pdfVersion ?? 'unknown'}, ${inspection.pageCount} page(s), ${inspection.sizeBytes} bytes`,
      `  Encrypted: ${inspection.encrypted ? 'yes' : 'no'}; form fields: ${inspection.formFieldCount}`,
      ...inspection.signatures.map((s) => `  Signature "${s.field}" by ${s.signer ?? 'unknown'}${s.signedAt ? ` at ${s.signedAt}` : ''}${s.coversWholeFile ? ', covers the whole file' : ', later changes follow'}`),
      ...(inspection.certifiedNoChanges ? ['  Certified with "no changes allowed"'] : []),
    ];
    io.out(`${lines.join('\n')}\n`);
  }
  return inspection.canStamp ? 0 : 1;
}
