import { parseArgs, type ParseArgsOptionDescriptor } from 'node:util';
import { HelpRequested, UsageError } from './usage-error';

/** One option of a command: node's parseArgs descriptor plus what `--help` says about it. */
export type OptionSpec = ParseArgsOptionDescriptor & {
  /** One line for `--help`; a default is appended from `default`. */
  description: string;
  /** Placeholder of a string option's value in `--help`, e.g. `N` or `URL`. */
  valueName?: string;
};

/** A CLI as a person types it: what it is called, what it takes, what `--help` prints. */
export interface CommandSpec<O extends Record<string, OptionSpec>> {
  /** The npm script, e.g. `replay`: the usage reads `npm run replay -- …`. */
  script: string;
  /** The arguments part of the usage line, e.g. `[--json] [--batch-size N] [FILE…]`. */
  synopsis: string;
  /** What the command does, for `--help` (may span lines). */
  description: string;
  options: O;
  /** The positional arguments; without this entry, none are allowed. */
  operands?: { name: string; description: string };
  /** Extra paragraphs for `--help`: output, exit codes, examples. */
  notes?: string;
}

type ParseConfig<O extends Record<string, OptionSpec>> = { args: string[]; options: O; allowPositionals: true; strict: true };

/** What {@link parseCommandLine} returns: parseArgs' typed values and the positionals. */
export type CommandLine<O extends Record<string, OptionSpec>> = ReturnType<typeof parseArgs<ParseConfig<O>>>;

const HELP_OPTION = { type: 'boolean', short: 'h', description: 'print this help on stdout and exit 0' } as const satisfies OptionSpec;

/** Declares a command; an identity function, so that the option names and types are inferred for parsing. */
export const defineCommand = <const O extends Record<string, OptionSpec>>(spec: CommandSpec<O>): CommandSpec<O> => spec;

/** The one-line usage, e.g. `usage: npm run replay -- [--json] [FILE…]`; also ends every usage error. */
export const usageLine = (spec: CommandSpec<Record<string, OptionSpec>>): string =>
  `usage: npm run ${spec.script}${spec.synopsis === '' ? '' : ` -- ${spec.synopsis}`}`;

const optionLabel = (name: string, option: OptionSpec): string =>
  `${option.short === undefined ? '    ' : `-${option.short}, `}--${name}${option.type === 'string' ? ` ${option.valueName ?? 'VALUE'}` : ''}`;

/** The `--help` text: usage, description, operands, options with their defaults, notes. */
export const formatHelp = (spec: CommandSpec<Record<string, OptionSpec>>): string => {
  const options: Array<[string, OptionSpec]> = Object.entries({ ...spec.options, help: HELP_OPTION });
  const labels = options.map(([name, option]) => optionLabel(name, option));
  const width = Math.max(...labels.map((label) => label.length), spec.operands?.name.length ?? 0) + 2;
  const indent = (text: string) => text.split('\n').join(`\n${' '.repeat(width + 2)}`);
  const rows = options.map(([, option], index) => {
    const fallback = option.default === undefined || option.type === 'boolean' ? '' : ` (default ${String(option.default)})`;
    return `  ${labels[index]!.padEnd(width)}${indent(`${option.description}${fallback}`)}`;
  });
  const operands = spec.operands === undefined ? [] : ['', `  ${spec.operands.name.padEnd(width)}${indent(spec.operands.description)}`];
  const notes = spec.notes === undefined ? [] : ['', spec.notes];
  return [usageLine(spec), '', spec.description, ...operands, '', 'options:', ...rows, ...notes, ''].join('\n');
};

/** parseArgs' first sentence, lower-cased: `Unknown option '--bogus'. To specify…` → `unknown option '--bogus'`. */
const shortParseMessage = (error: Error): string => {
  const first = error.message.split('\n')[0]!.split(/\.\s/)[0]!.replace(/\.$/, '');
  return first.charAt(0).toLowerCase() + first.slice(1);
};

/**
 * Parses a command line with node's parseArgs (strict: unknown options and
 * missing values are errors). Throws {@link HelpRequested} for `--help`/`-h`,
 * and a one-line {@link UsageError} ending in the usage for anything parseArgs
 * refuses, or for positionals where the command takes none.
 */
export const parseCommandLine = <O extends Record<string, OptionSpec>>(spec: CommandSpec<O>, argv: readonly string[]): CommandLine<O> => {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    const options: Record<string, OptionSpec> = { ...spec.options, help: HELP_OPTION };
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    // `--bogus --help`: a person asking for help gets it, whatever else is on the line.
    if (argv.includes('--help') || argv.includes('-h')) throw new HelpRequested(formatHelp(spec));
    throw new UsageError(`${shortParseMessage(error as Error)} (${usageLine(spec)}; --help for details)`);
  }
  if (parsed.values.help === true) throw new HelpRequested(formatHelp(spec));
  if (spec.operands === undefined && parsed.positionals.length > 0) {
    throw new UsageError(`unexpected argument "${parsed.positionals[0]}" (${usageLine(spec)})`);
  }
  const { help: _help, ...values } = parsed.values;
  return { values, positionals: parsed.positionals } as unknown as CommandLine<O>;
};

/** An integer option's value, checked against [min, max]: a one-line UsageError otherwise. */
export const integerOption = (name: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number => {
  const value = Number(text);
  if (!/^[0-9]+$/.test(text) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
    throw new UsageError(`--${name} must be an integer ${range}, got "${text}"`);
  }
  return value;
};
