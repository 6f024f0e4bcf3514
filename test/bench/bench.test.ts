import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHandler } from '../../lambda/processor/create-handler';
import type { Outcome } from '../../lambda/processor/pipeline/outcome';
import { InMemoryUserLimitStore } from '../../lambda/store/in-memory-store';
import { referenceFinalState } from '../../tools/bench/agreement';
import { BENCH_MIX, benchWorkload } from '../../tools/bench/bench-workload';
import { heapBatches, LIMITS_PER_USER } from '../../tools/bench/heap-per-limit';
import { withQuietStdio } from '../../tools/bench/quiet-stdio';
import { parseOnly, parseOnlyAscii } from '../../tools/bench/variants';
import { buildBundle } from '../../tools/build';
import { sortUserLimits } from '../../tools/replay-inputs';
import { createStderrLogger } from '../../tools/stderr-logger';

const ROOT = join(__dirname, '..', '..');
/** The CLI starts one process per variant and runs a heap measure: slow on a busy machine, never timed. */
const CLI_TIMEOUT_MS = 240_000;

/** The README's command for machine-readable figures (`-s`: without it npm prints its banner on stdout first). */
const DOCUMENTED_JSON_COMMAND = 'npm run -s bench -- --json';

/** `npm run bench` as package.json runs it (node --expose-gc --import tsx), with tiny sizes. */
const runBench = (args: string[]) => {
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(ROOT, 'tools', 'bench.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: CLI_TIMEOUT_MS,
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
};

type Parsed = { type: string; eventId: string; aggregateId: string; sequenceNumber: number };

/** Each record's outcome, batch by batch, through the handler on one store. */
const outcomesOf = async (...events: Parameters<ReturnType<typeof createHandler>>[0][]) => {
  const store = new InMemoryUserLimitStore();
  const seen: Outcome[][] = [];
  const handler = createHandler({ store, logger: createStderrLogger('WARN'), onOutcomes: (outcomes) => seen.push([...outcomes]) });
  const responses = await withQuietStdio(async () => {
    const all = [];
    for (const event of events) all.push(await handler(event));
    return all;
  });
  return { store, seen, responses };
};

const counts = (values: readonly string[]) =>
  values.reduce<Record<string, number>>((all, value) => ({ ...all, [value]: (all[value] ?? 0) + 1 }), {});

describe('the benchmark workload', () => {
  const workload = benchWorkload({ records: 600, users: 40 });

  test('the ASCII floor parses exactly what the floor parses, non-ASCII records included', () => {
    const nonAscii = { ...workload.batch.Records[0]!, kinesis: { ...workload.batch.Records[0]!.kinesis } };
    nonAscii.kinesis.data = Buffer.from(JSON.stringify({ brand: 'Spelbolaget Å', note: '€ 😀' }), 'utf8').toString('base64');
    const event = { Records: [...workload.batch.Records, nonAscii] };
    expect(parseOnlyAscii(event)).toEqual(parseOnly(event));
    expect(parseOnlyAscii(event).at(-1)).toEqual({ brand: 'Spelbolaget Å', note: '€ 😀' });
  });

  test('its batch is exactly the stated mix: 10 % created, 70 % progress, 10 % reset, 10 % other', () => {
    expect(workload.batch.Records).toHaveLength(600);
    const types = parseOnly(workload.batch).map((data) => (data as Parsed).type);
    const byType = counts(types);
    expect(byType.USER_LIMIT_CREATED).toBe(Math.round(600 * BENCH_MIX.created));
    expect(byType.USER_LIMIT_PROGRESS_CHANGED).toBe(Math.round(600 * BENCH_MIX.progress));
    expect(byType.USER_LIMIT_RESET).toBe(Math.round(600 * BENCH_MIX.reset));
    const limitEvents = ['USER_LIMIT_CREATED', 'USER_LIMIT_PROGRESS_CHANGED', 'USER_LIMIT_RESET'];
    expect(types.filter((type) => !limitEvents.includes(type))).toHaveLength(Math.round(600 * BENCH_MIX.unrelated));
    expect(workload.batch.Records.every((record) => record.eventSource === 'aws:kinesis')).toBe(true);
  });

  test('has no duplicates, and each user’s sequence numbers rise from the history into the batch', () => {
    const events = parseOnly({ Records: [...workload.history.Records, ...workload.batch.Records] }) as Parsed[];
    expect(new Set(events.map((event) => event.eventId)).size).toBe(events.length);
    const last = new Map<string, number>();
    for (const event of events) {
      expect(event.sequenceNumber).toBeGreaterThan(last.get(event.aggregateId) ?? 0);
      last.set(event.aggregateId, event.sequenceNumber);
    }
  });

  test('the batch meets a store holding its users’ limits: every limit event applies, none is orphaned', async () => {
    const { seen } = await outcomesOf(workload.history, workload.batch);
    expect(counts(seen[0]!)).toEqual({ applied: workload.history.Records.length });
    expect(counts(seen[1]!)).toEqual({ applied: 540, ignored: 60 });
  });

  test('batches of another size follow the same history, so `scaling` compares one mix on one store', () => {
    const small = benchWorkload({ records: 60, users: 40 });
    expect(small.history).toEqual(workload.history);
    expect(counts(parseOnly(small.batch).map((data) => (data as Parsed).type)).USER_LIMIT_CREATED).toBe(6);
  });

  test('the handler and both Powertools references end in the same limits, field for field', async () => {
    const { store, responses } = await outcomesOf(workload.history, workload.batch);
    expect(responses.flatMap((response) => response.batchItemFailures)).toEqual([]);
    const fromHandler = sortUserLimits(store.snapshot());
    expect(fromHandler.length).toBeGreaterThan(40);
    const [parser, plain] = await withQuietStdio(async () => [
      await referenceFinalState('powertools', workload),
      await referenceFinalState('powertoolsPlain', workload),
    ]);
    expect(parser).toEqual(fromHandler);
    expect(plain).toEqual(fromHandler);
  });
});

describe('the bytesPerLimit workload', () => {
  test('creates every limit by an event, then moves each once, in batches the handler applies entirely', async () => {
    const batches = [...heapBatches(25_000)];
    expect(batches.map((batch) => batch.Records.length)).toEqual([10_000, 10_000, 5_000, 10_000, 10_000, 5_000]);
    const { store, seen } = await outcomesOf(...batches);
    expect(counts(seen.flat())).toEqual({ applied: 50_000 });
    const stored = store.snapshot();
    expect(stored).toHaveLength(25_000);
    expect(new Set(stored.map((limit) => limit.userId)).size).toBe(25_000 / LIMITS_PER_USER);
    expect(stored.every((limit) => Number(limit.progress) > 0)).toBe(true);
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

  test(
    '--json prints one JSON document: today’s keys, powertoolsPlainMs, spread and the per-round figures',
    () => {
      const { stdout, status, stderr } = runBench([
        '--json',
        ...['--records', '200', '--users', '20', '--iterations', '2', '--warmup', '0'],
        ...['--import-runs', '1', '--limits', '1000', '--bundle', bundle],
      ]);
      expect({ status, stderr: status === 0 ? '' : stderr }).toEqual({ status: 0, stderr: '' });
      const document = JSON.parse(stdout) as Record<string, unknown>;
      expect(document.batchSize).toBe(200);
      const figures = [
        ...['floorMs', 'handlerMs', 'powertoolsMs', 'powertoolsPlainMs', 'bundleBytes', 'importMs', 'scaling', 'bytesPerLimit'],
        'metricsMs',
      ];
      for (const key of figures) {
        expect(typeof document[key]).toBe('number');
        expect(document[key]).toBeGreaterThan(0);
      }
      expect(document.bundleBytes).toBeGreaterThan(1000);
      const spread = document.spread as Record<string, { min: number; max: number }>;
      const ranged = ['floorMs', 'asciiFloorMs', 'handlerMs', 'powertoolsMs', 'powertoolsPlainMs', 'importMs', 'scaling', 'metricsMs'];
      for (const key of [...ranged, 'handlerToFloor', 'powertoolsPlainToHandler', 'powertoolsToHandler']) {
        expect(spread[key]).toEqual({ min: expect.any(Number), max: expect.any(Number) });
        expect(spread[key]!.min).toBeLessThanOrEqual(spread[key]!.max);
      }
      for (const key of ranged) {
        expect(spread[key]!.min).toBeLessThanOrEqual(document[key] as number);
        expect(document[key]).toBeLessThanOrEqual(spread[key]!.max);
      }
      expect(document.ratios).toEqual({
        handlerToFloor: expect.any(Number),
        handlerToAsciiFloor: expect.any(Number),
        powertoolsPlainToHandler: expect.any(Number),
        powertoolsToHandler: expect.any(Number),
      });
      const rounds = document.rounds as Record<string, number>[];
      expect(rounds).toHaveLength(2);
      expect(Object.keys(rounds[0]!).sort()).toEqual([
        'asciiFloorMs',
        'floorMs',
        'handlerMs',
        'powertoolsMs',
        'powertoolsPlainMs',
        'smallBatchHandlerMs',
      ]);
      expect(document).toMatchObject({ node: process.version, smallBatchSize: 20, users: 20, limitsMeasured: 1000 });
      expect(typeof document.cpu).toBe('string');
      expect(document.targets).toHaveLength(7);
    },
    CLI_TIMEOUT_MS,
  );

  test(
    `\`${DOCUMENTED_JSON_COMMAND}\`, as the README writes it (build included): stdout is exactly one JSON document`,
    () => {
      expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(`${DOCUMENTED_JSON_COMMAND} `);
      const [command, ...args] = DOCUMENTED_JSON_COMMAND.split(' ');
      const tiny = ['--records', '100', '--users', '10', '--iterations', '1', '--warmup', '0', '--import-runs', '1', '--limits', '100'];
      const result = spawnSync(command!, [...args, ...tiny], { cwd: ROOT, encoding: 'utf8', timeout: CLI_TIMEOUT_MS });
      expect({ status: result.status, stderr: result.status === 0 ? '' : result.stderr }).toEqual({ status: 0, stderr: '' });
      // The whole of stdout must parse: npm's banner, a progress line or a handler log line would break it.
      const document = JSON.parse(result.stdout) as Record<string, unknown>;
      expect(typeof document.handlerMs).toBe('number');
      expect(result.stderr).toContain('dist/handler.js');
    },
    CLI_TIMEOUT_MS,
  );

  test('a bad option is one line on stderr and exit code 2', () => {
    const { stdout, stderr, status } = runBench(['--records', 'many']);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual(['error: --records must be an integer >= 10, got "many"']);
  });
});
