import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RECORDED_STREAM_PATH } from '../../tools/recorded-stream';
import { created, progressChanged } from '../core/helpers/events';
import { runTool } from './run-tool';

const dir = mkdtempSync(join(tmpdir(), 'replay-cli-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('npm run replay', () => {
  it('--json prints exactly one document: sorted userLimits and the summary', () => {
    const { stdout, status, stderr } = runTool('replay.ts', ['--json']);
    expect(status).toBe(0);
    const document = JSON.parse(stdout);
    expect(Object.keys(document)).toEqual(['userLimits', 'summary']);
    expect(document.summary).toEqual({ records: 17, applied: 9, duplicates: 0, ignored: 6, orphaned: 2, rejected: 0, failed: 0 });
    expect(document.userLimits.map((limit: { userLimitId: string }) => limit.userLimitId)).toEqual([
      '0w2KzcVUkZcb6n2z4DcE',
      'LKMgxoE0yFgH6F6iShEu',
      'jIcDgFDxkhM2qRWFrwVn',
    ]);
    expect(document.userLimits[0]).toMatchObject({ progress: '0', value: '50000' });
    expect(stderr).toContain('Record orphaned');
  });

  it('reads JSON arrays and JSON Lines, sorts by userId then userLimitId, and counts redeliveries once', () => {
    const array = file(
      'events.json',
      JSON.stringify([created(1, { userLimitId: 'z-limit' }, 'user-b'), created(2, { userLimitId: 'a-limit' }, 'user-b')]),
    );
    const lines = file(
      'events.jsonl',
      [
        JSON.stringify(created(1, { userLimitId: 'm-limit' }, 'user-a')),
        '',
        JSON.stringify(progressChanged(2, '0', '0.1', { userLimitId: 'm-limit' }, 'user-a')),
        JSON.stringify(progressChanged(3, '0.1', '0.2', { userLimitId: 'm-limit' }, 'user-a')),
      ].join('\n'),
    );
    const { stdout, status } = runTool('replay.ts', ['--json', '--batch-size', '2', array, lines, array]);
    expect(status).toBe(0);
    const { userLimits, summary } = JSON.parse(stdout);
    expect(userLimits.map((limit: { userId: string; userLimitId: string }) => `${limit.userId}/${limit.userLimitId}`)).toEqual([
      'user-a/m-limit',
      'user-b/a-limit',
      'user-b/z-limit',
    ]);
    expect(userLimits[0].progress).toBe('0.3');
    expect(summary).toEqual({ records: 7, applied: 5, duplicates: 2, ignored: 0, orphaned: 0, rejected: 0, failed: 0 });
  });

  it('delivers a Lambda Kinesis event file as is', () => {
    const { stdout, status } = runTool('replay.ts', ['--json', 'events/poison-pills.json']);
    expect(status).toBe(0);
    expect(JSON.parse(stdout).summary).toEqual({ records: 10, applied: 4, duplicates: 0, ignored: 0, orphaned: 0, rejected: 6, failed: 0 });
  });

  it('without --json prints counters and a table for a person', () => {
    const { stdout, status } = runTool('replay.ts', []);
    expect(status).toBe(0);
    expect(stdout).toContain('records 17 = applied 9 + duplicates 0 + ignored 6 + orphaned 2 + rejected 0 + failed 0');
    expect(stdout).toMatch(/LKMgxoE0yFgH6F6iShEu\s+DEPOSIT\s+DAY\s+ACTIVE\s+10000 SEK\s+0\s+2022-04-23T10:48:10\.592Z/);
  });

  it('rejects an event nested 20,000 levels deep in a JSON array with a reason, and processes the others', () => {
    const recorded = readFileSync(RECORDED_STREAM_PATH, 'utf8').trim().slice(1); // its events and closing ]
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const { stdout, stderr, status } = runTool('replay.ts', ['--json', file('deep.json', `[${deep},\n${recorded}`)]);
    expect(status).toBe(0);
    expect(JSON.parse(stdout).summary).toEqual({ records: 18, applied: 9, duplicates: 0, ignored: 6, orphaned: 2, rejected: 1, failed: 0 });
    const rejected = stderr
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line))
      .filter((line) => line.message === 'Record rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toEqual(expect.any(String));
    expect(rejected[0].reason.length).toBeGreaterThan(0);
  });

  it('gives a record the same outcome from a JSON array as from JSON Lines: 1e400 reaches the handler as written', () => {
    const events = [
      created(1, { userLimitId: 'limit' }, 'user-b'),
      progressChanged(2, '0', '0', { userLimitId: 'limit', amount: 0 }, 'user-b'),
    ].map((one) => JSON.stringify(one).replace('"amount":0', '"amount":1e400'));
    const runs = [file('huge.json', `[${events.join(',')}]`), file('huge.jsonl', events.join('\n'))].map((path) => {
      const { stdout, stderr, status } = runTool('replay.ts', ['--json', path]);
      expect(status).toBe(0);
      const reasons = stderr
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line))
        .filter((line) => line.message === 'Record rejected');
      return { summary: JSON.parse(stdout).summary, reasons: reasons.map((line) => line.reason) };
    });
    expect(runs[0]!.summary).toMatchObject({ records: 2, applied: 1, rejected: 1 });
    expect(runs[0]!.reasons).toHaveLength(1);
    expect(runs[0]).toEqual(runs[1]);
  });

  it.each([
    ['a missing file', ['/no/such/file.json'], /cannot read/],
    ['a bad batch size', ['--batch-size', '0'], /--batch-size/],
    ['an unknown option', ['--bogus'], /bogus/],
    ['a file that is not JSON', [file('bad.json', '[1, 2')], /not valid JSON/],
    ['JSON Lines with a broken line', [file('bad.jsonl', '{"a":1}\n{"b":\n')], /bad\.jsonl:2: not valid JSON/],
    ['an empty file', [file('empty.json', '  \n')], /empty file/],
    ['a Records field that is not Kinesis records', [file('records.json', '{"Records":[{"body":"sqs"}]}')], /Records/],
  ])('%s gets a one-line error and exit code 2', (_case, args, message) => {
    const { stdout, stderr, status } = runTool('replay.ts', ['--json', ...args]);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });
});
