import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { PROJECT_ROOT } from '../../infra/bundling';
import { FUNCTION_LOGICAL_ID } from '../../infra/processor-function';
import { withoutBundlingNotices } from '../../infra/quiet-bundling';
import { STACK_NAME, UserLimitsStack } from '../../infra/user-limits-stack';
import { buildBundle } from '../../tools/build';
import { testApp } from './cdk-app';

// Bundling runs esbuild: done once for this file, for both the stack's asset and `npm run build`'s output.
let workDir: string;
let assetDir: string;
let distBundle: string;
let template: Template;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'bundle-test-'));
  const app = testApp({ bundling: true, outdir: join(workDir, 'cdk.out') });
  // As infra/app.ts does: aws-cdk-lib's "Bundling asset …" notice would land in the test output.
  const stack = withoutBundlingNotices(() => new UserLimitsStack(app, STACK_NAME, {}));
  const assembly = app.synth();
  template = Template.fromStack(stack);
  const metadata = (template.findResources('AWS::Lambda::Function')[FUNCTION_LOGICAL_ID] as { Metadata: Record<string, unknown> }).Metadata;
  assetDir = join(assembly.directory, String(metadata['aws:asset:path']));
  distBundle = join(workDir, 'dist', 'handler.js');
  await buildBundle(distBundle);
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

/** The code, without the last line (`//# sourceMappingURL=<file name>.map`), which names the file. */
const codeOf = (file: string): string => readFileSync(file, 'utf8').replace(/\/\/# sourceMappingURL=[^\n]*\n?$/, '');

describe('the Lambda bundle', () => {
  test('npm run build writes the same code as the stack deploys (only the source map file name differs)', () => {
    const deployed = readFileSync(join(assetDir, 'index.js'), 'utf8');
    expect(deployed.endsWith('//# sourceMappingURL=index.js.map\n')).toBe(true);
    expect(readFileSync(distBundle, 'utf8').endsWith('//# sourceMappingURL=handler.js.map\n')).toBe(true);
    expect(codeOf(distBundle)).toBe(codeOf(join(assetDir, 'index.js')));
    const mappings = (file: string): string => (JSON.parse(readFileSync(file, 'utf8')) as { mappings: string }).mappings;
    expect(mappings(`${distBundle}.map`)).toBe(mappings(join(assetDir, 'index.js.map')));
  });

  test('is minified CommonJS with a source map that leads back to lambda/*.ts', () => {
    const code = codeOf(join(assetDir, 'index.js'));
    expect(code.split('\n').length).toBeLessThan(100);
    expect(code).not.toMatch(/^\s*(import|export) /m);
    const map = JSON.parse(readFileSync(join(assetDir, 'index.js.map'), 'utf8')) as { sources: string[] };
    expect(map.sources.some((source) => source.endsWith('lambda/processor/handler.ts'))).toBe(true);
    expect(map.sources.some((source) => source.endsWith('lambda/domain/rules.ts'))).toBe(true);
  });

  test('the template points at the bundled asset (what sam local invoke runs) with Handler index.handler, which index.js exports as a function', () => {
    template.hasResource('AWS::Lambda::Function', {
      Properties: { Handler: 'index.handler' },
      Metadata: { 'aws:asset:property': 'Code', 'aws:asset:is-bundled': true },
    });
    // Loaded as Lambda loads it (require in a fresh process), not searched as text.
    const script = `const m = require(${JSON.stringify(join(assetDir, 'index.js'))}); process.stderr.write('EXPORT ' + typeof m.handler + ' ' + m.handler.length + '\\n');`;
    const run = spawnSync(process.execPath, ['-e', script], {
      cwd: workDir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
      timeout: 30_000,
    });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^EXPORT function [1-3]$/m);
  });

  test('the deployed bundle runs on its own in a fresh Node process, as Lambda loads it', () => {
    const script =
      `const event = JSON.parse(require('node:fs').readFileSync(${JSON.stringify(join(PROJECT_ROOT, 'events', 'poison-pills.json'))}, 'utf8'));` +
      `require(${JSON.stringify(join(assetDir, 'index.js'))}).handler(event).then((r) => process.stderr.write('RESPONSE ' + JSON.stringify(r) + '\\n'));`;
    const run = spawnSync(process.execPath, ['--enable-source-maps', '-e', script], {
      cwd: workDir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, POWERTOOLS_SERVICE_NAME: 'user-limits-processor', POWERTOOLS_LOG_LEVEL: 'INFO' },
      timeout: 30_000,
    });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('RESPONSE {"batchItemFailures":[]}');
    // The production log line at INFO: the batch's counters.
    const summary = run.stdout
      .split('\n')
      .filter((line) => line.includes('"Batch processed"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatchObject({ service: 'user-limits-processor', records: 10, rejected: 6, failed: 0 });
  });
});
