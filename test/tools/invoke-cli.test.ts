import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTool } from './run-tool';

const dir = mkdtempSync(join(tmpdir(), 'invoke-cli-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const stderrLines = (stderr: string) => stderr.split('\n').filter(Boolean);

describe('npm run invoke', () => {
  it('prints only the handler response on stdout, logs on stderr, no warning for a Lambda Kinesis event', () => {
    const { stdout, stderr, status } = runTool('invoke.ts', ['events/recorded-stream.json'], { POWERTOOLS_LOG_LEVEL: 'INFO' });
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ batchItemFailures: [] });
    const lines = stderrLines(stderr).map((line) => JSON.parse(line)); // every stderr line is a handler log line
    expect(lines.find((line) => line.level === 'INFO')).toMatchObject({ message: 'Batch processed', applied: 9, ignored: 6, orphaned: 2 });
  });

  it.each([
    ['a JSON array (no Records)', 'tools/fixtures/recorded-stream.json', /: not a JSON object but an array; Lambda never sends this/],
    ['an object without Records', file('empty.json', '{}'), /: no "Records" list; Lambda never sends this/],
    ['a record that is not an object', file('number.json', '{"Records": [1]}'), /: Records\[0\] is not a Kinesis record/],
    ['a string', file('string.json', '"hello"'), /: not a JSON object but a string/],
  ])('hands %s to the handler, like sam local invoke, after a one-line warning', (_case, path, warning) => {
    const { stdout, stderr, status } = runTool('invoke.ts', [path]);
    expect(status).toBe(0);
    const [first] = stderrLines(stderr);
    expect(first).toMatch(/^warning: /);
    expect(first).toMatch(warning);
    expect(stderrLines(stderr).filter((line) => line.startsWith('warning:'))).toHaveLength(1);
    expect(JSON.parse(stdout)).toHaveProperty('batchItemFailures'); // the handler's own answer, whatever it is
  });

  it.each([
    ['a file that is not JSON', [file('not-json.json', 'nope\n')], /not-json\.json: not valid JSON \(.*nope\\n/],
    ['a missing file', ['/no/such/event.json'], /cannot read \(ENOENT\)/],
    ['no FILE', [], /expected exactly one FILE, got 0/],
    ['two FILEs', ['events/recorded-stream.json', 'events/poison-pills.json'], /expected exactly one FILE, got 2/],
    ['an unknown option', ['--bogus', 'events/recorded-stream.json'], /unknown option '--bogus'/],
  ])('%s gets a one-line error and exit code 2, the handler is not called', (_case, args, message) => {
    const { stdout, stderr, status } = runTool('invoke.ts', args);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderrLines(stderr)).toHaveLength(1);
    expect(stderr).toMatch(message);
  });
});
