import { EfmSimulator } from '../efm-sim/efm-simulator';
import { openDatabase, type DatabaseLocation } from '../service/db/open-database';
import { AccountStore, type AccountRole } from '../service/store/account-store';
import { optionValue, parseCliArgs, UsageError, type CliArgs, type CliIo, untilStopSignal } from './cli-args';
import { simulatorOptionsFromArgs } from './efm-commands';
import { schemasDir } from '../app/schemas-dir';
import { bundledValidators, xmllintAvailable } from '../service/schema-validation';

const databaseOptions = '(--data DIR | --database postgres://…  or CLERK_REVIEW_DATABASE_URL)';

/** Usage of `clerk-review server`. */
export const serverUsage = [
  `clerk-review server [--port N] ${databaseOptions} [--demo] [--host ADDRESS --tls-key FILE --tls-cert FILE]`,
  '    [--filer-callback ACCOUNT=URL]... [--filer-callback-ecf4 ACCOUNT=URL]... [--request-signer CERT.pem]...',
  '    [--cms CMS-COURTRECORDMDE-URL [--cms-ca CA.pem] [--cms-ecf 5.0|4.0] | --cms-drop FOLDER] [--docketing per-session|per-envelope]',
  '    [--case-numbers clerk|record-system] [--no-schema-check]',
  '    [--policy FOLDER --court-id ID --court-name "NAME"]',
  '  (the Filing Review service on its database; --demo adds the demo court\'s envelopes and users to an empty one;',
  '   --policy publishes and applies the court\'s own Genericode lists and zips (check them with policy inspect);',
  '   --filer-callback(-ecf4): where an EFSP account hears of review (its ECF 5 / ECF 4.0 Filing Assembly MDE);',
  '   --case-numbers record-system: the record system numbers new cases (DocumentStampInformation), not the clerk;',
  '   every ECF message taken or sent is checked against the ECF 5.0 and ECF 4.0 schemas it ships (needs xmllint);',
  '   --no-schema-check turns that off;',
  '   --cms-ecf 4.0: the record system speaks ECF 4.0 (RecordFiling, one filing each; NotifyDocketingComplete 4.0);',
  '   --cms-drop: no interactive record system; each decided envelope is written there as ENVELOPE.zip;',
  '   with --demo and no --cms the demo record system runs beside it; CLERK_REVIEW_CMS_USER and',
  '   CLERK_REVIEW_CMS_PASSWORD are the service\'s account at the court\'s record system when it asks for one;',
  '   runs until Ctrl+C or SIGTERM)',
].join('\n');

/** Usage of `clerk-review users`. */
export const usersUsage = [
  `clerk-review users list ${databaseOptions}`,
  `clerk-review users add NAME --role clerk|supervisor|court-it|filer|record-system --display-name "Full Name" ${databaseOptions}`,
  `clerk-review users reset NAME ${databaseOptions}      (password from CLERK_REVIEW_NEW_PASSWORD)`,
  `clerk-review users disable NAME | enable NAME ${databaseOptions}`,
  '  (add also takes its password from CLERK_REVIEW_NEW_PASSWORD: passwords never go on the command line)',
].join('\n');

/** Where the command's database is: a data folder, a PostgreSQL URL (option or environment). */
export function databaseFromArgs(args: CliArgs, env: NodeJS.ProcessEnv = process.env): Exclude<DatabaseLocation, 'memory'> {
  const dataDir = optionValue(args, 'data');
  const url = optionValue(args, 'database') ?? env.CLERK_REVIEW_DATABASE_URL;
  if (dataDir && url) throw new UsageError('Give --data or --database, not both');
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new UsageError('--database takes a postgres:// URL');
    return { postgresUrl: url };
  }
  if (dataDir) return { dataDir };
  throw new UsageError('Say where the service keeps its data: --data DIR or --database postgres://…');
}

/** `server`: the Filing Review service, standalone, on its database. */
export async function runServer(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCliArgs(argv, ['demo', 'no-schema-check']);
  const location = databaseFromArgs(args);
  const demo = args.flags.has('demo');
  const options = simulatorOptionsFromArgs(args);
  // Every ECF message taken or sent is checked against the schemas the service ships, as a real EFM does.
  const schemaCheck = !args.flags.has('no-schema-check') && xmllintAvailable();
  if (!schemaCheck && !args.flags.has('no-schema-check')) {
    io.out(`${JSON.stringify({ event: 'warning', message: 'xmllint is not installed (Debian: apt-get install libxml2-utils): ECF messages are not checked against the schemas' })}\n`);
  }
  const validators = schemaCheck ? bundledValidators(schemasDir()) : null;
  if (!demo && !options.policyFolder) throw new UsageError('A court\'s service publishes the court\'s own code lists: give --policy FOLDER (or --demo)');
  const service = await new EfmSimulator({
    ...options,
    ...(validators ? { validateEcf: validators.ecf5, validateEcf4: validators.ecf4 } : {}),
    // One JSON line per request (who, which operation, status, time): what court IT greps and ships to its logs.
    requestLog: (entry) => io.out(`${JSON.stringify({ event: 'request', ...entry })}\n`),
    ...('dataDir' in location ? { dataDir: location.dataDir } : { postgresUrl: location.postgresUrl }),
    // A court's service starts empty: filers file through ReviewFiling, court IT adds the accounts.
    ...(demo ? {} : { envelopes: [], users: [] }),
    // Only the demo dockets to the demo record system; a court names its own with --cms.
    ...(demo ? {} : { demoRecordSystem: false }),
  }).start();
  const durability = await service.database.durability();
  io.out(`${JSON.stringify({ event: 'started', at: new Date().toISOString(), url: service.url, endpoints: service.endpoints(), database: service.database.kind, durability, demo, schemaCheck })}\n`);
  await untilStopSignal();
  await service.close();
  io.out(`${JSON.stringify({ event: 'stopped', at: new Date().toISOString() })}\n`);
  return 0;
}

const roles: readonly AccountRole[] = ['clerk', 'supervisor', 'court-it', 'filer', 'record-system'];

/** `users`: court IT adds, lists, disables and resets the service's accounts. */
export async function runUsers(argv: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const args = parseCliArgs(argv, []);
  const [action, name] = args.positionals;
  if (!action || !['list', 'add', 'reset', 'disable', 'enable'].includes(action)) throw new UsageError('users takes list, add, reset, disable or enable');
  if (action !== 'list' && !name) throw new UsageError(`users ${action} needs the user name`);
  const password = (): string => {
    const value = env.CLERK_REVIEW_NEW_PASSWORD;
    if (!value) throw new UsageError('set CLERK_REVIEW_NEW_PASSWORD to the new password (passwords never go on the command line)');
    return value;
  };
  const database = await openDatabase(databaseFromArgs(args, env));
  try {
    const accounts = new AccountStore(database);
    const user = name ?? '';
    switch (action) {
      case 'list':
        for (const account of await accounts.list()) io.out(`${account.username}\t${account.role}\t${account.displayName}\t${account.disabledAt ? `disabled ${account.disabledAt}` : 'active'}\n`);
        return 0;
      case 'add': {
        const role = optionValue(args, 'role') as AccountRole | undefined;
        if (!role || !roles.includes(role)) throw new UsageError(`--role takes ${roles.join(', ')}`);
        const added = await accounts.add({ username: user, role, displayName: optionValue(args, 'display-name') ?? user, password: password() });
        io.out(`Added ${added.username} (${added.role})\n`);
        return 0;
      }
      case 'reset':
        await accounts.resetPassword(user, password());
        io.out(`New password set for ${user}; any lockout is cleared\n`);
        return 0;
      case 'disable':
        await accounts.disable(user);
        io.out(`${user} can no longer sign in; their history stays\n`);
        return 0;
      default:
        await accounts.enable(user);
        io.out(`${user} can sign in again\n`);
        return 0;
    }
  } finally {
    await database.close();
  }
}
