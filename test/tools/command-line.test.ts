import { defineCommand, formatHelp, integerOption, parseCommandLine } from '../../tools/command-line';
import { HelpRequested, UsageError } from '../../tools/usage-error';

const COMMAND = defineCommand({
  script: 'demo',
  synopsis: '[--json] [--size N] FILE…',
  description: 'A command for the tests.',
  operands: { name: 'FILE…', description: 'files to read' },
  options: {
    json: { type: 'boolean', default: false, description: 'one JSON document on stdout' },
    size: { type: 'string', default: '10', valueName: 'N', description: 'how many,\na second line' },
    name: { type: 'string', short: 'n', valueName: 'NAME', description: 'a name' },
  },
});
const NO_OPERANDS = defineCommand({ script: 'plain', synopsis: '', description: 'Takes nothing.', options: {} });

const thrown = (action: () => unknown): unknown => {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('nothing thrown');
};

describe('parseCommandLine', () => {
  it('returns typed values with their defaults, and the positionals', () => {
    expect(parseCommandLine(COMMAND, ['a.json', '--size', '3', '-n', 'x', 'b.json'])).toEqual({
      values: { json: false, size: '3', name: 'x' },
      positionals: ['a.json', 'b.json'],
    });
  });

  it.each([[['--help']], [['-h']], [['a.json', '--json', '-h']], [['--bogus', '--help']]])('throws HelpRequested for %j', (argv) => {
    const error = thrown(() => parseCommandLine(COMMAND, argv));
    expect(error).toBeInstanceOf(HelpRequested);
    expect((error as HelpRequested).text).toBe(formatHelp(COMMAND));
  });

  it.each([
    [['--bogus'], "unknown option '--bogus'"],
    [['--size'], "option '--size <value>' argument missing"],
    [['--json=yes'], "option '--json' does not take an argument"],
  ])('refuses %j with one line that ends with the usage', (argv, message) => {
    const error = thrown(() => parseCommandLine(COMMAND, argv));
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(`${message} (usage: npm run demo -- [--json] [--size N] FILE…; --help for details)`);
  });

  it('refuses a positional where the command takes none', () => {
    const error = thrown(() => parseCommandLine(NO_OPERANDS, ['extra']));
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe('unexpected argument "extra" (usage: npm run plain)');
  });
});

describe('formatHelp', () => {
  it('lists the usage, the description, the operands and every option with its default, aligned', () => {
    expect(formatHelp(COMMAND)).toBe(
      [
        'usage: npm run demo -- [--json] [--size N] FILE…',
        '',
        'A command for the tests.',
        '',
        '  FILE…            files to read',
        '',
        'options:',
        '      --json       one JSON document on stdout',
        '      --size N     how many,',
        '                   a second line (default 10)',
        '  -n, --name NAME  a name',
        '  -h, --help       print this help on stdout and exit 0',
        '',
      ].join('\n'),
    );
  });
});

describe('integerOption', () => {
  it('accepts integers within the bounds', () => {
    expect(integerOption('size', '7', 1, 10)).toBe(7);
    expect(integerOption('size', '0', 0)).toBe(0);
  });

  it.each([['0'], ['11'], ['1.5'], ['-1'], [''], ['1e3'], [' 5']])('refuses %j with the option, the bounds and the value', (text) => {
    expect(() => integerOption('size', text, 1, 10)).toThrow(new UsageError(`--size must be an integer from 1 to 10, got "${text}"`));
  });

  it('names only the lower bound when there is no upper one', () => {
    expect(() => integerOption('limits', '0', 1)).toThrow('--limits must be an integer >= 1, got "0"');
  });
});
