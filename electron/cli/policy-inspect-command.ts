import { basename } from 'node:path';
import { readCodeListPaths, type NamedCodeList } from '../policy/code-list-source';
import { parseCliArgs, UsageError, type CliIo } from './cli-args';

/** Usage of `clerk-review policy inspect`. */
export const policyInspectUsage = [
  'clerk-review policy inspect PATH... [--json]',
  "  (reads Genericode code lists, zips of them or folders, as a court publishes them: each list's name, columns and",
  '   rows; exit 1 when any file cannot be read)',
].join('\n');

/** One list as `policy inspect --json` prints it. */
interface InspectedList {
  readonly file: string;
  readonly name: string;
  readonly rows: number;
  readonly distinctCodes: number;
  readonly columns: readonly string[];
  readonly version: string | null;
}

/** `policy inspect`: what court IT checks before publishing a policy (the lists the desktop and service will read). */
export async function runPolicyInspect(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCliArgs(argv, ['json']);
  if (args.positionals.length === 0) throw new UsageError('policy inspect takes one or more files or folders');
  const batch = await readCodeListPaths(args.positionals);
  const lists = batch.lists.map(inspected);
  if (args.flags.has('json')) {
    io.out(`${JSON.stringify({ lists, problems: batch.problems })}\n`);
  } else {
    batch.lists.forEach((read, index) => {
      const list = lists[index] as InspectedList;
      // A code may repeat only across the list's qualifying columns (a filing code per case category and type).
      const qualifiers = read.entry?.qualifiers.filter((column) => list.columns.includes(column)) ?? [];
      const repeated = list.rows > list.distinctCodes
        ? ` (${list.distinctCodes} codes, repeated per ${qualifiers.length > 0 ? qualifiers.join(', ') : 'row: check the list'})`
        : '';
      io.out(`${list.file}: ${list.name}, ${list.rows} rows${repeated}; columns ${list.columns.join(', ')}\n`);
    });
    for (const problem of batch.problems) io.err(`${problem.file}: ${problem.reason}\n`);
  }
  return batch.problems.length === 0 ? 0 : 1;
}

function inspected(list: NamedCodeList): InspectedList {
  return {
    file: list.file,
    name: list.entry?.name ?? list.header.shortName ?? basename(list.file).replace(/\.(xml|gc)$/i, ''),
    rows: list.rows.length,
    distinctCodes: new Set(list.rows.map((row) => row.code)).size,
    columns: list.columns,
    version: list.header.canonicalVersionUri ?? list.header.version,
  };
}
