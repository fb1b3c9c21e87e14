import { demoCourtPolicy } from '../efm-sim/demo-court';
import { EfmClient } from '../efm/efm-client';
import { EfmSimulator, type SimulatorOptions } from '../efm-sim/efm-simulator';
import { demoUsers } from '../efm-sim/sim-users';
import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { optionValue, parseCliArgs, UsageError, type CliArgs, type CliIo, untilStopSignal } from './cli-args';

/** Usage of `clerk-review efm-sim`. */
export const efmSimUsage = [
  'clerk-review efm-sim [--port N] [--host ADDRESS --tls-key FILE --tls-cert FILE] [--filer-callback ACCOUNT=URL]...',
  '  [--filer-callback-ecf4 ACCOUNT=URL]... [--request-signer CERT.pem]...',
  '  (runs until Ctrl+C; --filer-callback: the Filing Assembly MDE endpoint of an EFSP account, for NotifyFilingReviewComplete;',
  '   --filer-callback-ecf4: its ECF 4.0 FilingAssemblyMDEPort, for what it files in ECF 4;',
  '   --request-signer: a registered workstation certificate; with any, every request must be signed by one)',
].join('\n');

/** The filer callback endpoints of one option (`--filer-callback ACCOUNT=URL`, repeated), by EFSP account. */
function filerEndpoints(args: CliArgs, option: string): Record<string, string> {
  const endpoints: Record<string, string> = {};
  for (const entry of args.options.get(option) ?? []) {
    const [account = '', url = ''] = entry.split(/=(.*)/s, 2);
    if (!account || !/^https?:\/\/[^\s]+$/.test(url)) throw new UsageError(`--${option} takes ACCOUNT=URL (an http or https address), not "${entry.slice(0, 100)}"`);
    endpoints[account] = url;
  }
  return endpoints;
}

/** The service options `efm-sim` takes from its command line; a usage error names the bad option. */
export function simulatorOptionsFromArgs(args: CliArgs, readText: (file: string) => string = (file) => readFileSync(file, 'utf8')): SimulatorOptions {
  const port = Number(optionValue(args, 'port', '0'));
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port takes 0–65535');
  const endpoints = filerEndpoints(args, 'filer-callback');
  const ecf4Endpoints = filerEndpoints(args, 'filer-callback-ecf4');
  const signers = (args.options.get('request-signer') ?? []).map((file) => {
    const pem = readFileOrUsage(readText, file, '--request-signer');
    try {
      new X509Certificate(pem);
    } catch {
      throw new UsageError(`--request-signer ${file} is not a PEM certificate`);
    }
    return pem;
  });
  const [key, cert] = [optionValue(args, 'tls-key'), optionValue(args, 'tls-cert')];
  if ((key === undefined) !== (cert === undefined)) throw new UsageError('--tls-key and --tls-cert go together');
  const cms = optionValue(args, 'cms');
  if (cms !== undefined && !/^https?:\/\/[^\s]+$/.test(cms)) throw new UsageError('--cms takes the court record system\'s CourtRecordMDE address (http or https)');
  const cmsEcf = optionValue(args, 'cms-ecf');
  if (cmsEcf !== undefined && cmsEcf !== '4.0' && cmsEcf !== '5.0') throw new UsageError('--cms-ecf takes 5.0 or 4.0: the ECF version the court record system speaks');
  if (cmsEcf !== undefined && optionValue(args, 'cms-drop') !== undefined) throw new UsageError('--cms-ecf names how the record system is spoken to: not with --cms-drop');
  const cmsCa = optionValue(args, 'cms-ca');
  if (cmsCa !== undefined && cms === undefined) throw new UsageError('--cms-ca goes with --cms');
  const cmsDrop = optionValue(args, 'cms-drop');
  if (cmsDrop !== undefined && cms !== undefined) throw new UsageError('--cms-drop is for a court without an interactive record system: not with --cms');
  const docketing = optionValue(args, 'docketing');
  if (docketing !== undefined && docketing !== 'per-session' && docketing !== 'per-envelope') throw new UsageError('--docketing takes per-session or per-envelope');
  // The service's account at the record system, when it asks for one: never on the command line.
  const cmsUser = process.env.CLERK_REVIEW_CMS_USER;
  const cmsPassword = process.env.CLERK_REVIEW_CMS_PASSWORD;
  const policyFolder = optionValue(args, 'policy');
  const [courtId, courtName] = [optionValue(args, 'court-id'), optionValue(args, 'court-name')];
  if (policyFolder !== undefined && (!courtId || !courtName)) throw new UsageError('--policy needs --court-id and --court-name: the lists do not name the court');
  const caseNumbers = optionValue(args, 'case-numbers');
  if (caseNumbers !== undefined && caseNumbers !== 'clerk' && caseNumbers !== 'record-system') throw new UsageError('--case-numbers takes clerk or record-system');
  if (cmsDrop !== undefined && caseNumbers === 'record-system') throw new UsageError('--cms-drop needs clerks to number new cases: the record system cannot be asked');
  // DocumentStampInformation, how the service asks for a new case's number, is ECF 5.0 only.
  if (cmsEcf === '4.0' && caseNumbers === 'record-system') throw new UsageError('--cms-ecf 4.0 needs clerks to number new cases: ECF 4.0 has no way to ask the record system for a number');
  const host = optionValue(args, 'host');
  if (host !== undefined && !['127.0.0.1', '::1', 'localhost'].includes(host) && !(key && cert)) throw new UsageError(`--host ${host} needs --tls-key and --tls-cert: passwords travel as text`);
  return {
    port,
    ...(host !== undefined ? { host } : {}),
    ...(Object.keys(endpoints).length + Object.keys(ecf4Endpoints).length > 0 ? { filerCallbacks: { endpoints, ecf4Endpoints } } : {}),
    ...(signers.length > 0 ? { requestSigners: signers } : {}),
    ...(cms ? { recordSystem: {
      url: cms, credentials: cmsUser && cmsPassword ? { username: cmsUser, password: cmsPassword } : null,
      ...(cmsEcf === '4.0' ? { ecfVersion: '4.0' as const } : {}),
      ...(cmsCa ? { ca: readFileOrUsage(readText, cmsCa, '--cms-ca') } : {}),
    } } : {}),
    // Without --cms the demo record system runs beside the service; --cms-ecf 4.0 speaks ECF 4 to it.
    ...(!cms && cmsEcf === '4.0' ? { demoRecordSystemEcf: '4.0' as const } : {}),
    ...(docketing ? { docketingModel: docketing } : {}),
    ...(cmsDrop ? { cmsDropFolder: cmsDrop } : {}),
    ...(caseNumbers ? { caseNumbering: caseNumbers } : {}),
    ...(policyFolder && courtId && courtName ? { policyFolder, court: { ...demoCourtPolicy, courtId, courtName } } : {}),
    ...(key && cert ? { tls: { keyPem: readFileOrUsage(readText, key, '--tls-key'), certPem: readFileOrUsage(readText, cert, '--tls-cert') } } : {}),
  };
}

function readFileOrUsage(readText: (file: string) => string, file: string, option: string): string {
  try {
    return readText(file);
  } catch (error) {
    throw new UsageError(`${option} ${file} cannot be read: ${(error as Error).message}`);
  }
}
/** Usage of `clerk-review efm ping`. */
export const efmPingUsage = 'clerk-review efm ping URL --user NAME   (password from CLERK_REVIEW_EFM_PASSWORD)';

/** `efm-sim`: the service with the demo court, in memory, on a port (`server --demo` without a data folder). */
export async function runEfmSim(argv: readonly string[], io: CliIo): Promise<number> {
  const simulator = await new EfmSimulator(simulatorOptionsFromArgs(parseCliArgs(argv, []))).start();
  io.out(`Demo EFM listening at ${simulator.url}\n${Object.entries(simulator.endpoints()).map(([name, url]) => `  ${name}: ${url} (WSDL at ${url}?wsdl)`).join('\n')}\nUsers: ${demoUsers.map((u) => `${u.username} (${u.role}, password ${u.password})`).join(', ')}\n`);
  await untilStopSignal();
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
