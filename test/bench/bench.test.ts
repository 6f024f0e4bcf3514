import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHandler } from '../../lambda/processor/create-handler';
import { InMemoryUserLimitStore } from '../../lambda/store/in-memory-store';
import { referenceFinalState } from '../../tools/bench/agreement';
import { benchBatch } from '../../tools/bench/bench-workload';
import { withQuietStdio } from '../../tools/bench/quiet-stdio';
import { parseOnly } from '../../tools/bench/variants';
import { buildBundle } from '../../tools/build';
import { sortUserLimits } from '../../tools/replay-inputs';
import { createStderrLogger } from '../../tools/stderr-logger';

const ROOT = join(__dirname, '..', '..');

/** The README's command for machine-readable figures (`-s`: without it npm prints its banner on stdout first). */
const DOCUMENTED_JSON_COMMAND = 'npm run -s bench -- --json';

/** `npm run bench` as package.json runs it (node --expose-gc --import tsx), with tiny sizes. */
const runBench = (args: string[]) => {
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(ROOT, 'tools', 'bench.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 90_000,
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
};

describe('the benchmark workload', () => {
  const event = benchBatch({ records: 600, users: 40 });

  test('is a Lambda Kinesis batch of the requested size with the issue’s event mix', () => {
    expect(event.Records).toHaveLength(600);
    const types = parseOnly(event).map((data) => (data as { type: string }).type);
    const share = (type: string) => types.filter((candidate) => candidate === type).length / types.length;
    expect(share('USER_LIMIT_PROGRESS_CHANGED')).toBeGreaterThan(0.5);
    expect(share('USER_LIMIT_CREATED')).toBeGreaterThan(0.05);
    expect(share('USER_LIMIT_RESET')).toBeGreaterThan(0.05);
    expect(event.Records.every((record) => record.eventSource === 'aws:kinesis')).toBe(true);
  });

  test('the handler and the Powertools reference end in the same limits, field for field', async () => {
    const store = new InMemoryUserLimitStore();
    const [response, reference] = await withQuietStdio(async () => [
      await createHandler({ store, logger: createStderrLogger('INFO') })(event),
      await referenceFinalState(event),
    ]);
    expect(response.batchItemFailures).toEqual([]);
    const fromHandler = sortUserLimits(store.snapshot());
    expect(fromHandler.length).toBeGreaterThan(40);
    expect(reference).toEqual(fromHandler);
  });
});

describe('npm run bench', () => {
  let workDir: string;
  let bundle: string;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'bench-test-'));
    bundle = join(workDir, 'handler.js');
    await buildBundle(bundle);
  });

  afterAll(() => {
    rmSync(workDir, { recursive: true, force: true });
  });

  test('--json prints exactly one JSON document with every figure', () => {
    const { stdout, status, stderr } = runBench([
      '--json',
      ...['--records', '200', '--users', '20', '--iterations', '1', '--warmup', '0'],
      ...['--import-runs', '1', '--limits', '1000', '--bundle', bundle],
    ]);
    expect({ status, stderr: status === 0 ? '' : stderr }).toEqual({ status: 0, stderr: '' });
    const document = JSON.parse(stdout) as Record<string, unknown>;
    expect(document.batchSize).toBe(200);
    for (const key of ['floorMs', 'handlerMs', 'powertoolsMs', 'bundleBytes', 'importMs', 'scaling', 'bytesPerLimit']) {
      expect(typeof document[key]).toBe('number');
      expect(Number.isFinite(document[key])).toBe(true);
    }
    expect(document.bundleBytes).toBeGreaterThan(1000);
    expect(document).toMatchObject({ node: process.version, ratios: expect.any(Object), recordsPerSecond: expect.any(Object) });
    expect(typeof document.cpu).toBe('string');
  });

  test(`\`${DOCUMENTED_JSON_COMMAND}\`, as the README writes it (build included): stdout is exactly one JSON document`, () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(`${DOCUMENTED_JSON_COMMAND} `);
    const [command, ...args] = DOCUMENTED_JSON_COMMAND.split(' ');
    const tiny = ['--records', '100', '--users', '10', '--iterations', '1', '--warmup', '0', '--import-runs', '1', '--limits', '100'];
    const result = spawnSync(command!, [...args, ...tiny], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect({ status: result.status, stderr: result.status === 0 ? '' : result.stderr }).toEqual({ status: 0, stderr: '' });
    // The whole of stdout must parse: npm's banner or a progress line would break it.
    const document = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(typeof document.handlerMs).toBe('number');
    expect(result.stderr).toContain('dist/handler.js');
  });

  test('a bad option is one line on stderr and exit code 2', () => {
    const { stdout, stderr, status } = runBench(['--records', 'many']);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual(['error: --records must be an integer >= 10, got "many"']);
  });
});
