import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { stampIncrement, type StampIncrement, type StampJob } from '../../shared/pdf/stamp-pdf';
import { readPdfInPart } from '../pdf/pdf-file-in-part';
import { stampFieldNames, stampFieldValuesSchema, type StampFieldValues } from '../../shared/stamp/stamp-text';
import { stampPreset, stampPresets } from '../../shared/stamp/stamp-template';
import { copyAndAppendAtomic, writeFileAtomic } from '../settings/atomic-file';
import { optionValue, parseCliArgs, UsageError, type CliIo } from './cli-args';

/** Usage of `clerk-review stamp`. */
export const stampUsage = [
  'clerk-review stamp IN.pdf OUT.pdf [--preset filed] [--preset page-footer] [--field NAME=VALUE]...',
  '                  [--at X,Y] [--time ISO-8601] [--tz America/Chicago] [--json]',
  `  presets: ${stampPresets.map((preset) => preset.id).join(', ')}`,
  `  fields: ${stampFieldNames.filter((name) => name !== 'page' && name !== 'pages').join(', ')}`,
].join('\n');

/**
 * `stamp`: applies presets to a PDF and writes the stamped copy as an incremental update (IN is never touched).
 * Exit 0 when stamped, 1 when the PDF cannot be stamped (encrypted, damaged, not a PDF).
 */
export async function runStamp(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCliArgs(argv, ['json']);
  const [input, output] = args.positionals;
  if (!input || !output || args.positionals.length !== 2) throw new UsageError('stamp takes IN.pdf and OUT.pdf');
  if (path.resolve(input) === path.resolve(output)) throw new UsageError('OUT must differ from IN: the original is never modified');

  const jobs = stampJobs(args.options.get('preset') ?? ['filed'], optionValue(args, 'at'));
  const fields = fieldValues(args.options.get('field') ?? [], optionValue(args, 'time') ?? new Date().toISOString(), optionValue(args, 'tz') ?? 'America/Chicago');
  const courtSealPng = jobs.some((job) => job.template.image?.kind === 'court-seal') ? new Uint8Array(await readFile(path.join(io.appRoot, 'assets', 'court-seal.png'))) : null;

  // The file is read once and hashed once (on through the update for the stamped copy's digest); the insides of
  // its large streams (a scan's images) are not kept in memory, and the copy is written by the operating system.
  const file = await readPdfInPart(input);
  let outcome: StampIncrement;
  let stampedSha256: string;
  try {
    const request = { jobs, fields, courtSealPng };
    const originalSha256 = file.hash.copy().digest('hex');
    outcome = await stampIncrement(file.bytes, request, originalSha256, file.onDemand);
    if (!outcome.ok && file.onDemand.partial) {
      // A refusal is confirmed on the whole file (binary data that looks like a keyword can mislead the part read).
      file.onDemand.ensure(0, file.bytes.length);
      outcome = await stampIncrement(file.bytes, request, originalSha256, file.onDemand);
    }
    if (!outcome.ok) {
      if (args.flags.has('json')) io.out(`${JSON.stringify({ ok: false, input, inspection: outcome.inspection }, null, 2)}\n`);
      else io.err(`${input}: ${outcome.message}\n  ${outcome.inspection.suggestedAction}\n`);
      return 1;
    }
    if (outcome.base === file.bytes && !file.whole) {
      await copyAndAppendAtomic(input, output, outcome.increment, file.stats);
      stampedSha256 = file.hash.update(outcome.increment).digest('hex');
    } else if (outcome.base === file.bytes) {
      // A small file read whole: what was hashed is written.
      await writeFileAtomic(output, [file.bytes, outcome.increment]);
      stampedSha256 = file.hash.update(outcome.increment).digest('hex');
    } else {
      // A damaged table was repaired: the update follows the rewritten file, which is all in memory.
      await writeFileAtomic(output, [outcome.base, outcome.increment]);
      stampedSha256 = createHash('sha256').update(outcome.base).update(outcome.increment).digest('hex');
    }
  } finally {
    await file.close();
  }
  const summary = { ok: true, input, output, kind: outcome.inspection.kind, originalSha256: outcome.originalSha256, stampedSha256, stamps: outcome.placed };
  if (args.flags.has('json')) io.out(`${JSON.stringify(summary, null, 2)}\n`);
  else io.out(`${output}: ${outcome.placed.length} stamp(s) on ${new Set(outcome.placed.map((p) => p.page)).size} page(s); sha256 ${stampedSha256}\n${outcome.inspection.kind === 'ok' ? '' : `  ${outcome.inspection.message}\n`}`);
  return 0;
}

function stampJobs(presetIds: readonly string[], at: string | undefined): StampJob[] {
  const placement = at === undefined ? null : parsePoint(at);
  return presetIds.map((id, index) => {
    const template = stampPreset(id);
    if (!template) throw new UsageError(`unknown preset "${id}" (try: ${stampPresets.map((p) => p.id).join(', ')})`);
    // --at moves the first stamp only: the footer keeps its place.
    return { template, placement: index === 0 ? placement : null };
  });
}

function parsePoint(text: string): { x: number; y: number } {
  const [x, y] = text.split(',').map(Number);
  if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y)) throw new UsageError('--at takes X,Y in points from the top-left corner');
  return { x, y };
}

function fieldValues(pairs: readonly string[], datetime: string, timeZone: string): StampFieldValues {
  const values: Record<string, string> = { datetime, timeZone };
  for (const pair of pairs) {
    const [name = '', value] = pair.split(/=(.*)/s, 2);
    if (value === undefined || !(stampFieldNames as readonly string[]).includes(name) || name === 'page' || name === 'pages') {
      throw new UsageError(`--field takes NAME=VALUE with NAME one of ${stampFieldNames.filter((n) => n !== 'page' && n !== 'pages').join(', ')}`);
    }
    values[name] = value;
  }
  const parsed = stampFieldValuesSchema.safeParse(values);
  if (!parsed.success) throw new UsageError(`invalid field: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
