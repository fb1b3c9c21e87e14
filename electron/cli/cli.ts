import path from 'node:path';
import { UsageError, type CliIo } from './cli-args';
import { auditVerifyUsage, runAuditVerify } from './audit-verify-command';
import { demoCmsUsage, runDemoCms } from './demo-cms-command';
import { ecfInspectUsage, runEcfInspect } from './ecf-inspect-command';
import { efmPingUsage, efmSimUsage, runEfmPing, runEfmSim } from './efm-commands';
import { mediaDemoUsage, runMediaDemo } from './media-command';
import { pdfInspectUsage, runPdfInspect } from './pdf-inspect-command';
import { policyInspectUsage, runPolicyInspect } from './policy-inspect-command';
import { runServer, runUsers, serverUsage, usersUsage } from './server-commands';
import { runStamp, stampUsage } from './stamp-command';

/** Every command of the `clerk-review` CLI; court IT scripts rely on these names. */
const commands: Record<string, { usage: string; run: (argv: readonly string[], io: CliIo) => Promise<number> }> = {
  stamp: { usage: stampUsage, run: runStamp },
  'pdf inspect': { usage: pdfInspectUsage, run: runPdfInspect },
  'ecf inspect': { usage: ecfInspectUsage, run: runEcfInspect },
  'policy inspect': { usage: policyInspectUsage, run: runPolicyInspect },
  server: { usage: serverUsage, run: runServer },
  users: { usage: usersUsage, run: (argv, io) => runUsers(argv, io) },
  'demo-cms': { usage: demoCmsUsage, run: (argv, io) => runDemoCms(argv, io) },
  'efm-sim': { usage: efmSimUsage, run: runEfmSim },
  'efm ping': { usage: efmPingUsage, run: (argv, io) => runEfmPing(argv, io) },
  'media demo': { usage: mediaDemoUsage, run: runMediaDemo },
  'audit verify': { usage: auditVerifyUsage, run: runAuditVerify },
};

/** Runs the CLI on argv (without `node` and the script); returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const name = Object.keys(commands).find((candidate) => candidate.split(' ').every((word, i) => argv[i] === word));
  if (!name) {
    io.err(`Clerk Review Desk command line\n\n${Object.values(commands).map((c) => c.usage).join('\n\n')}\n`);
    return argv.length === 0 || argv[0] === '--help' ? 0 : 2;
  }
  const command = commands[name] as (typeof commands)[string];
  try {
    return await command.run(argv.slice(name.split(' ').length), io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\nusage: ${command.usage}\n`);
      return 2;
    }
    io.err(`clerk-review ${name}: ${(error as Error).message}\n`);
    return 1;
  }
}

/** The `clerk-review` executable: dist/electron/cli.cjs. */
export function main(): void {
  const io: CliIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), appRoot: path.resolve(__dirname, '..', '..') };
  void runCli(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
