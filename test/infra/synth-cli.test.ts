import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../infra/bundling';

// The real CLI on the real app (infra/app.ts via cdk.json), offline, bundling with local esbuild.
const CDK = join(PROJECT_ROOT, 'node_modules', '.bin', 'cdk');

let outdir: string;
beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'synth-cli-'));
});
afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

const synth = (...context: string[]): { status: number | null; stdout: string; stderr: string } =>
  spawnSync(CDK, ['synth', '--quiet', '-o', outdir, ...context.flatMap((entry) => ['-c', entry])], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
    timeout: 120_000,
  });

describe('cdk synth --quiet', () => {
  test.each([
    ['the in-memory store', []],
    ['the DynamoDB store', ['store=dynamodb']],
  ])('with %s prints nothing at all (no esbuild table, no "Bundling asset" notice) and writes the template', (_name, context) => {
    const run = synth(...context);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('');
    expect(run.status).toBe(0);
    const resources = Object.values(
      (JSON.parse(readFileSync(join(outdir, 'UserLimitsStack.template.json'), 'utf8')) as { Resources: Record<string, { Type: string }> })
        .Resources,
    ).map(({ Type }) => Type);
    expect(resources.filter((type) => type === 'AWS::Lambda::Function')).toHaveLength(context.length === 0 ? 1 : 2);
  });

  test('a bad -c value fails with one line naming the key, no stack trace', () => {
    const run = synth('store=dynamodb', 'parallelizationFactor=11');
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('error: parallelizationFactor must be an integer from 1 to 10, got 11\n');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});
