import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runShell } from './run-tool';

const ROOT = join(__dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** Every `npm run …` command line in the README's sh blocks, trailing `# comment` removed. */
const documented = [...README.matchAll(/```sh\n([\s\S]*?)```/g)]
  .flatMap(([, block]) => block!.split('\n'))
  .map((line) => line.replace(/\s+#.*$/, '').trim())
  .filter((line) => line.startsWith('npm run '));
/** Every `npm run …` code span in the README's text and tables, but the counterexample (`… | jq` fails). */
const inline = [...README.matchAll(/`(npm run [^`]+)`(?! fails)/g)].map(([, span]) => span!);

/** Commands whose stdout a person pipes: `--json`, and invoke (stdout is the handler's response). */
const pipeable = documented.filter((line) => / --json\b/.test(line) || /^npm run (-s )?invoke /.test(line));

/** Placeholders (FILE…, NAME, [--opt N]) or a file the reader makes first: not runnable as written. */
const hasPlaceholder = (line: string) =>
  /[…[<]|\b[A-Z]{2,}\b/.test(line) || line.split(' ').some((word) => word.endsWith('.json') && !existsSync(join(ROOT, word)));
/** Runnable as written, but for minutes: `npm run -s bench -- --json` (test/bench/bench.test.ts checks its stdout). */
const TOO_SLOW = new Set(['npm run -s bench -- --json']);
const runnable = pipeable.filter((line) => !hasPlaceholder(line) && !TOO_SLOW.has(line));

describe('the README', () => {
  it('writes every command whose stdout is piped as `npm run -s` (npm prints its banner on stdout otherwise)', () => {
    expect(pipeable.length).toBeGreaterThanOrEqual(6);
    expect(pipeable.filter((line) => !line.startsWith('npm run -s '))).toEqual([]);
    expect(inline.filter((span) => / --json\b/.test(span) && !span.startsWith('npm run -s '))).toEqual([]);
  });

  it('has runnable --json and invoke commands (so the next test runs something)', () => {
    expect(runnable).toEqual(
      expect.arrayContaining([
        'npm run -s replay -- --json',
        'npm run -s replay -- --json events/poison-pills.json',
        'npm run -s invoke -- events/user-limit-created.json',
        'npm run -s e2e -- --json',
      ]),
    );
  });

  it.each(runnable)('`%s`, run as written, prints exactly one JSON document on stdout', (line) => {
    const { stdout, stderr, status } = runShell(line);
    expect({ status, stderr: status === 0 ? '' : stderr }).toEqual({ status: 0, stderr: '' });
    expect(() => JSON.parse(stdout)).not.toThrow();
    expect(stdout.trimEnd().split('\n')).toHaveLength(1);
  });

  it("shows invoke's answer for a sample event as the README says", () => {
    expect(README).toContain('npm run -s invoke -- events/user-limit-created.json     # {"batchItemFailures":[]}');
    expect(JSON.parse(runShell('npm run -s invoke -- events/user-limit-created.json').stdout)).toEqual({ batchItemFailures: [] });
  });

  it("documents the plain form as unsafe for pipes, and it is: npm's banner comes first on stdout", () => {
    const { stdout, status } = runShell('npm run replay -- --json');
    expect(status).toBe(0);
    expect(stdout.startsWith('\n> user-limits-stream@1.0.0 replay\n')).toBe(true);
    expect(() => JSON.parse(stdout)).toThrow();
  });

  it('answers the documented `npm run replay -- --help` with the usage', () => {
    expect(documented).toContain('npm run replay -- --help');
    expect(runShell('npm run -s replay -- --help').stdout.startsWith('usage: npm run replay -- ')).toBe(true);
  });
});
