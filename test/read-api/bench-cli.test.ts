import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReadApiBundle, lambdaSources } from '../../tools/bench/read-api-bundle';
import { percentile } from '../../tools/bench/read-api-requests';

const ROOT = join(__dirname, '..', '..');

const runBench = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'tools', 'bench', 'read-api.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });

describe('npm run bench:read-api', () => {
  test('--json prints one JSON document with every figure (tiny sizes)', () => {
    const result = runBench(['--json', '--requests', '5', '--warmup', '1', '--limits', '3', '--import-runs', '1']);
    expect({ status: result.status, stderr: result.status === 0 ? '' : result.stderr }).toEqual({ status: 0, stderr: '' });
    const document = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(document).toMatchObject({
      limitsPerUser: 3,
      requests: 5,
      warmup: 1,
      importRuns: 1,
      consistency: 'eventual',
      node: process.version,
    });
    for (const key of [
      'medianMs',
      'p99Ms',
      'handlerOnlyMedianUs',
      'readUnitsPerRequest',
      'readUnitsPerMillionRequests',
      'bundleBytes',
      'bundleBytesWithSdk',
      'importMs',
      'importMsWithSdk',
    ]) {
      expect({ key, finite: Number.isFinite(document[key]) }).toEqual({ key, finite: true });
    }
    expect(document.readUnitsPerRequest).toBeGreaterThan(0);
    expect(document.readUnitsPerMillionRequests).toBe((document.readUnitsPerRequest as number) * 1_000_000);
    expect(document.bundleBytesWithSdk as number).toBeGreaterThan(document.bundleBytes as number);
  });

  test('a bad option is one line on stderr and exit code 2', () => {
    const result = runBench(['--limits', '51']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual(['error: --limits must be an integer from 1 to 50, got "51"']);
  });
});

describe('the read API bundle', () => {
  let workDir: string;
  beforeAll(() => {
    workDir = mkdtempSync(join(tmpdir(), 'read-api-bundle-'));
  });
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  test('holds the read API, the domain types and the table design, never the Kinesis pipeline', async () => {
    const sources = lambdaSources(await buildReadApiBundle(join(workDir, 'handler.js')));
    expect(sources).toContain('lambda/read-api/handler.ts');
    expect(sources).toContain('lambda/store/dynamodb/table-design.ts');
    expect(sources.filter((source) => source.startsWith('lambda/processor/'))).toEqual([]);
  });
});

describe('percentile', () => {
  test('nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect(percentile(values, 0.99)).toBe(99);
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile([7], 0.99)).toBe(7);
    expect(() => percentile([], 0.5)).toThrow();
  });
});
