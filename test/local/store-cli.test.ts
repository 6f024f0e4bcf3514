import { runTool, runToolAsync } from '../tools/run-tool';

const parse = (stdout: string) => {
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!);
};

describe('npm run replay -- --store dynamodb', () => {
  it('the recorded stream: the same --json document as the in-memory replay', async () => {
    const [inMemory, dynamo] = await Promise.all([
      runToolAsync('replay.ts', ['--json']),
      runToolAsync('replay.ts', ['--json', '--store', 'dynamodb']),
    ]);
    expect(inMemory.status).toBe(0);
    expect(dynamo.status).toBe(0);
    expect(parse(dynamo.stdout)).toEqual(parse(inMemory.stdout));
  });

  it('--chaos 0.2 with enough retries: the same final state as the clean replay, the faults counted on stderr', async () => {
    const [clean, chaotic] = await Promise.all([
      runToolAsync('replay.ts', ['--json', '--batch-size', '5']),
      runToolAsync('replay.ts', [
        '--json',
        '--batch-size',
        '5',
        '--store',
        'dynamodb',
        '--chaos',
        '0.2',
        '--seed',
        '3',
        '--max-retries',
        '30',
      ]),
    ]);
    expect(chaotic.status).toBe(0);
    expect(parse(chaotic.stdout).userLimits).toEqual(parse(clean.stdout).userLimits);
    expect(parse(chaotic.stdout).summary).toMatchObject({ records: 17, failed: 0 });
    expect(chaotic.stderr).toMatch(
      /^chaos: [1-9][0-9]* of [0-9]+ requests failed \(throttling [0-9]+, server-error [0-9]+, timeout [0-9]+, lost-response [0-9]+\)$/m,
    );
  }, 60_000);

  it.each([
    [['--store', 'postgres'], 'error: --store must be one of memory, dynamodb, got "postgres"'],
    [['--chaos', '0.2'], 'error: --chaos needs --store dynamodb'],
    [['--store', 'dynamodb', '--chaos', '1'], 'error: --chaos must be a number from 0 to below 1, got "1"'],
    [['--store', 'dynamodb', '--endpoint', 'nowhere'], 'error: --endpoint must be a URL such as http://127.0.0.1:8000, got "nowhere"'],
    [['--max-retries=-1'], 'error: --max-retries must be an integer from 0 to 1000, got "-1"'],
  ])('refuses %j with one line, exit 2', (args, message) => {
    const { stdout, stderr, status } = runTool('replay.ts', args);
    expect({ status, stdout, stderr: stderr.trim() }).toEqual({ status: 2, stdout: '', stderr: message });
  });
});

describe('npm run e2e -- --store dynamodb --parallelization 3', () => {
  it('--json adds store and parallelization; 0 mismatches against the direct in-memory replay', async () => {
    const run = await runToolAsync('e2e.ts', [
      '--json',
      '--store',
      'dynamodb',
      '--parallelization',
      '3',
      '--records',
      '800',
      '--users',
      '60',
      '--shards',
      '2',
    ]);
    expect(run.status).toBe(0);
    const document = parse(run.stdout);
    expect(Object.keys(document)).toEqual(['shards', 'store', 'parallelization', 'summary', 'mismatches', 'seconds']);
    expect(document).toMatchObject({
      shards: 2,
      store: 'dynamodb',
      parallelization: 3,
      mismatches: 0,
      summary: { records: 800, failed: 0 },
    });
  }, 60_000);
});
