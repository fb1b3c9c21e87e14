/** Parsed command-line words: positionals, repeatable `--name value` options and `--flag` switches. */
export interface CliArgs {
  readonly positionals: readonly string[];
  readonly options: ReadonlyMap<string, readonly string[]>;
  readonly flags: ReadonlySet<string>;
}

/** A usage error: the CLI prints it with the command's usage and exits with 2. */
export class UsageError extends Error {}

/** Parses argv; `flagNames` are options that take no value. */
export function parseCliArgs(argv: readonly string[], flagNames: readonly string[]): CliArgs {
  const positionals: string[] = [];
  const options = new Map<string, string[]>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? '';
    if (!word.startsWith('--')) {
      positionals.push(word);
      continue;
    }
    const [name = '', inline] = word.slice(2).split(/=(.*)/s, 2);
    if (flagNames.includes(name)) {
      flags.add(name);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    options.set(name, [...(options.get(name) ?? []), value]);
  }
  return { positionals, options, flags };
}

/** The last value of an option, or the fallback. */
export function optionValue(args: CliArgs, name: string, fallback?: string): string | undefined {
  return args.options.get(name)?.at(-1) ?? fallback;
}

/** Where a command writes: stdout for results, stderr for diagnostics. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** The app's root folder (holds `assets/`). */
  readonly appRoot: string;
}

/** Resolves when the process is asked to stop (Ctrl+C or SIGTERM): long-running commands then shut down cleanly. */
export function untilStopSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}
