import { readFileSync } from 'node:fs';
import { DemoCms } from '../cms/demo-cms';
import { optionValue, parseCliArgs, UsageError, type CliIo, untilStopSignal } from './cli-args';

/** Usage of `clerk-review demo-cms`. */
export const demoCmsUsage = [
  'clerk-review demo-cms --service URL --user NAME [--port N] [--failure-rate 0–1] [--model per-filing|single]',
  '    [--delay-ms N] [--service-ca CA.pem]',
  '  (a demo court record system serving CourtRecordMDE RecordDocketing on loopback and calling the service back',
  '   with NotifyDocketingComplete as NAME, a record-system account whose password is CLERK_REVIEW_PASSWORD; when',
  '   CLERK_REVIEW_CMS_USER and CLERK_REVIEW_CMS_PASSWORD are set, only that account may send it RecordDocketing;',
  '   runs until Ctrl+C or SIGTERM)',
].join('\n');

/** `demo-cms`: the demo record system as its own process, for a service started with `--cms`. */
export async function runDemoCms(argv: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const args = parseCliArgs(argv, []);
  const serviceUrl = optionValue(args, 'service');
  const user = optionValue(args, 'user');
  if (!serviceUrl || !/^https?:\/\/[^\s]+$/.test(serviceUrl)) throw new UsageError('--service takes the Filing Review service\'s base URL');
  if (!user) throw new UsageError('--user names the record-system account the callbacks are sent as');
  const password = env.CLERK_REVIEW_PASSWORD;
  if (!password) throw new UsageError('Set CLERK_REVIEW_PASSWORD to the password of the record-system account');
  const port = Number(optionValue(args, 'port', '0'));
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port takes 0–65535');
  const failureRate = Number(optionValue(args, 'failure-rate', '0.05'));
  if (!(failureRate >= 0 && failureRate <= 1)) throw new UsageError('--failure-rate takes a number from 0 to 1');
  const delayMs = Number(optionValue(args, 'delay-ms', '2000'));
  if (!Number.isInteger(delayMs) || delayMs < 0) throw new UsageError('--delay-ms takes a whole number of milliseconds');
  const model = optionValue(args, 'model', 'per-filing');
  if (model !== 'per-filing' && model !== 'single') throw new UsageError('--model takes per-filing or single');
  const [acceptUser, acceptPassword] = [env.CLERK_REVIEW_CMS_USER, env.CLERK_REVIEW_CMS_PASSWORD];
  const cms = new DemoCms({ delayMs, failureRate, model, random: Math.random, ...(acceptUser && acceptPassword ? { acceptFrom: { username: acceptUser, password: acceptPassword } } : {}) });
  await cms.start(port);
  const caFile = optionValue(args, 'service-ca');
  let ca: string | undefined;
  try {
    ca = caFile ? readFileSync(caFile, 'utf8') : undefined;
  } catch (error) {
    throw new UsageError(`--service-ca ${caFile ?? ''} cannot be read: ${(error as Error).message}`);
  }
  cms.connect({ serviceUrl: serviceUrl.replace(/\/+$/, ''), credentials: { username: user, password }, ...(ca ? { ca } : {}) });
  io.out(`${JSON.stringify({ event: 'started', at: new Date().toISOString(), courtRecordMDE: cms.courtRecordUrl, service: serviceUrl })}\n`);
  await untilStopSignal();
  await cms.close();
  io.out(`${JSON.stringify({ event: 'stopped', at: new Date().toISOString() })}\n`);
  return 0;
}
