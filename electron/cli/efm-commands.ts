import { EfmClient } from '../efm/efm-client';
import { EfmSimulator } from '../efm-sim/efm-simulator';
import { demoUsers } from '../efm-sim/sim-users';
import { optionValue, parseCliArgs, UsageError, type CliIo } from './cli-args';

/** Usage of `clerk-review efm-sim`. */
export const efmSimUsage = 'clerk-review efm-sim [--port N]      (runs until Ctrl+C)';
/** Usage of `clerk-review efm ping`. */
export const efmPingUsage = 'clerk-review efm ping URL --user NAME   (password from CLERK_REVIEW_EFM_PASSWORD)';

/** `efm-sim`: the embedded EFM simulator, standalone on a port, for tests and for trying other clients. */
export async function runEfmSim(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCliArgs(argv, []);
  const port = Number(optionValue(args, 'port', '0'));
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port takes 0–65535');
  const simulator = await new EfmSimulator({ port }).start();
  io.out(`Demo EFM listening at ${simulator.url}\n${Object.entries(simulator.endpoints()).map(([name, url]) => `  ${name}: ${url} (WSDL at ${url}?wsdl)`).join('\n')}\nUsers: ${demoUsers.map((u) => `${u.username} (${u.role}, password ${u.password})`).join(', ')}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await simulator.close();
  return 0;
}

/** `efm ping`: checks that an EFM answers the clerk-review service with these credentials, and how fast. */
export async function runEfmPing(argv: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const args = parseCliArgs(argv, []);
  const [url] = args.positionals;
  const user = optionValue(args, 'user');
  if (!url || !user) throw new UsageError('efm ping needs URL and --user');
  const password = env.CLERK_REVIEW_EFM_PASSWORD;
  if (!password) throw new UsageError('set CLERK_REVIEW_EFM_PASSWORD (passwords never go on the command line)');
  const started = performance.now();
  const result = await new EfmClient({ endpoint: url, credentials: { username: user, password }, timeoutMs: 15_000, retries: 0 }).getReviewQueue({ pageSize: 1 });
  const ms = Math.round(performance.now() - started);
  if (!result.ok) {
    io.err(`${url}: ${result.error.code}${result.error.reason ? ` (${result.error.reason})` : ''}: ${result.error.message}\n`);
    return 1;
  }
  io.out(`${url}: answered in ${ms} ms; ${result.value.totalCount} envelope(s) awaiting review\n`);
  return 0;
}
