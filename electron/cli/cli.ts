import path from 'node:path';
import { UsageError, type CliIo } from './cli-args';

/** One command: its usage text and what runs it. */
interface Command {
  readonly usage: string;
  readonly run: (argv: readonly string[], io: CliIo) => Promise<number>;
}

/**
 * Every command of the `clerk-review` CLI; court IT scripts rely on these names. Each is loaded when it runs, so
 * `clerk-review stamp` does not load the SOAP server, the database or the XML stack.
 */
const commands: Record<string, () => Promise<Command>> = {
  stamp: async () => import('./stamp-command').then((m) => ({ usage: m.stampUsage, run: m.runStamp })),
  'pdf inspect': async () => import('./pdf-inspect-command').then((m) => ({ usage: m.pdfInspectUsage, run: m.runPdfInspect })),
  'ecf inspect': async () => import('./ecf-inspect-command').then((m) => ({ usage: m.ecfInspectUsage, run: m.runEcfInspect })),
  'policy inspect': async () => import('./policy-inspect-command').then((m) => ({ usage: m.policyInspectUsage, run: m.runPolicyInspect })),
  server: async () => import('./server-commands').then((m) => ({ usage: m.serverUsage, run: m.runServer })),
  users: async () => import('./server-commands').then((m) => ({ usage: m.usersUsage, run: m.runUsers })),
  'demo-cms': async () => import('./demo-cms-command').then((m) => ({ usage: m.demoCmsUsage, run: m.runDemoCms })),
  'efm-sim': async () => import('./efm-commands').then((m) => ({ usage: m.efmSimUsage, run: m.runEfmSim })),
  'efm ping': async () => import('./efm-commands').then((m) => ({ usage: m.efmPingUsage, run: m.runEfmPing })),
  'media demo': async () => import('./media-command').then((m) => ({ usage: m.mediaDemoUsage, run: m.runMediaDemo })),
  'audit verify': async () => import('./audit-verify-command').then((m) => ({ usage: m.auditVerifyUsage, run: m.runAuditVerify })),
};

/** Runs the CLI on argv (without `node` and the script); returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const name = Object.keys(commands).find((candidate) => candidate.split(' ').every((word, i) => argv[i] === word));
  if (!name) {
    const all = await Promise.all(Object.values(commands).map(async (load) => (await load()).usage));
    io.err(`Clerk Review Desk command line\n\n${all.join('\n\n')}\n`);
    return argv.length === 0 || argv[0] === '--help' ? 0 : 2;
  }
  const command = await (commands[name] as (typeof commands)[string])();
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
