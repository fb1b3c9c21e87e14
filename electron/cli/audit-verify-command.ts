import { stat } from 'node:fs/promises';
import path from 'node:path';
import { auditHeadStatement, type AuditAnchor } from '../../shared/domain/audit';
import { checkAuditChain } from '../audit/audit-chain';
import { readJson, readLines } from '../audit/audit-log';
import { SignatureChecker } from '../keys/workstation-key';
import { parseCliArgs, UsageError, type CliIo } from './cli-args';

/** Usage of `clerk-review audit verify`. */
export const auditVerifyUsage = 'clerk-review audit verify DATA_DIR [--json]';

/**
 * `audit verify`: checks a workstation's audit log (chain, signed head, the last anchor receipt) with the public key in
 * DATA_DIR/keys — no keychain and no EFM needed. Names the first bad record; exit 0 when intact, 1 when not.
 */
export async function runAuditVerify(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCliArgs(argv, ['json']);
  const [dataDir] = args.positionals;
  if (!dataDir || args.positionals.length > 1) throw new UsageError('audit verify takes one data folder');
  const folder = path.join(dataDir, 'audit');
  if (!(await stat(dataDir).catch(() => null))?.isDirectory()) throw new Error(`${dataDir} is not a folder`);
  const checker = await SignatureChecker.fromDataDir(dataDir);
  const head = await readJson(path.join(folder, 'audit.head.json'));
  const receipt = await readJson(path.join(folder, 'audit.anchor.json'));
  const result = await checkAuditChain(readLines(path.join(folder, 'audit.jsonl')), {
    head,
    headVerifies: (h) => checker.verify(Buffer.from(auditHeadStatement(h)), Buffer.from(h.signature, 'base64')),
    anchors: receipt && typeof receipt.seq === 'number' ? [receipt as unknown as AuditAnchor] : [],
  });
  if (args.flags.has('json')) io.out(`${JSON.stringify(result)}\n`);
  else if (result.valid) io.out(`${folder}: intact, ${result.records} records${result.anchoredSeq === null ? ', no anchor receipt here' : `, anchored at the EFM through record ${result.anchoredSeq}`}\n`);
  else io.out(`${folder}: NOT intact — record ${result.problem?.seq ?? '?'} (line ${result.problem?.line ?? '?'}): ${result.problem?.reason ?? ''}\n`);
  return result.valid ? 0 : 1;
}
