import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLoggerTo } from '../../tools/stderr-logger';

const ROOT = join(__dirname, '..', '..');

/** A stream that keeps every chunk written to it. */
const memoryStream = () => {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter((line) => line.length > 0);
  return { stream, chunks, lines, entries: () => lines().map((line) => JSON.parse(line) as Record<string, unknown>) };
};

describe('the tools’ logger (tools/stderr-logger.ts)', () => {
  let processOutput: jest.SpyInstance[];
  beforeEach(() => {
    processOutput = [jest.spyOn(process.stdout, 'write'), jest.spyOn(process.stderr, 'write')];
  });
  afterEach(() => jest.restoreAllMocks());

  it('writes one JSON line per entry at or above its level to the given stream, and nothing to stdout or stderr', () => {
    const out = memoryStream();
    const logger = createLoggerTo(out.stream, 'INFO');
    logger.debug('not at INFO');
    logger.info('info', { records: 3 });
    logger.warn('warn');
    logger.error('error', new Error('boom'));
    logger.critical('critical');
    expect(out.chunks.every((chunk) => chunk.endsWith('\n') && chunk.indexOf('\n') === chunk.length - 1)).toBe(true);
    expect(out.entries()).toEqual([
      expect.objectContaining({ level: 'INFO', message: 'info', records: 3, service: 'user-limits-processor' }),
      expect.objectContaining({ level: 'WARN', message: 'warn' }),
      // Powertools' own serializer: an Error becomes its fields, not "{}".
      expect.objectContaining({ level: 'ERROR', message: 'error', error: expect.objectContaining({ name: 'Error', message: 'boom' }) }),
      expect.objectContaining({ level: 'CRITICAL', message: 'critical' }),
    ]);
    for (const spy of processOutput) expect(spy).not.toHaveBeenCalled();
  });

  it('keeps the level it was given, and its children write to the same stream', () => {
    const out = memoryStream();
    const logger = createLoggerTo(out.stream, 'ERROR');
    logger.warn('dropped');
    logger.createChild({ persistentKeys: { part: 'child' } }).error('from the child');
    expect(out.entries()).toEqual([expect.objectContaining({ level: 'ERROR', message: 'from the child', part: 'child' })]);
    for (const spy of processOutput) expect(spy).not.toHaveBeenCalled();
  });

  it('also sends what Powertools prints while it is being constructed', () => {
    const previous = process.env.AWS_LAMBDA_LOG_LEVEL;
    process.env.AWS_LAMBDA_LOG_LEVEL = 'WARN';
    try {
      const out = memoryStream();
      createLoggerTo(out.stream, 'DEBUG');
      expect(out.entries()).toEqual([
        expect.objectContaining({ level: 'WARN', message: expect.stringContaining('Advanced Logging Controls') }),
      ]);
    } finally {
      if (previous === undefined) delete process.env.AWS_LAMBDA_LOG_LEVEL;
      else process.env.AWS_LAMBDA_LOG_LEVEL = previous;
    }
    for (const spy of processOutput) expect(spy).not.toHaveBeenCalled();
  });
});

describe('createStderrLogger in a process of its own', () => {
  const run = (env: Record<string, string>) => {
    const { POWERTOOLS_LOG_LEVEL: _inherited, ...inherited } = process.env;
    return spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        "const logger = require('./tools/stderr-logger.ts').createStderrLogger('INFO'); logger.debug('d'); logger.info('i'); logger.error('e');",
      ],
      { cwd: ROOT, encoding: 'utf8', env: { ...inherited, ...env }, timeout: 60_000 },
    );
  };
  const levelsOf = (stderr: string) =>
    stderr
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { level: string }).level);

  it('leaves stdout empty and writes JSON lines to stderr at its default level', () => {
    const { status, stdout, stderr } = run({});
    expect({ status, stdout }).toEqual({ status: 0, stdout: '' });
    expect(levelsOf(stderr)).toEqual(['INFO', 'ERROR']);
  });

  it('takes its level from POWERTOOLS_LOG_LEVEL when set', () => {
    const { status, stdout, stderr } = run({ POWERTOOLS_LOG_LEVEL: 'ERROR' });
    expect({ status, stdout }).toEqual({ status: 0, stdout: '' });
    expect(levelsOf(stderr)).toEqual(['ERROR']);
  });
});
