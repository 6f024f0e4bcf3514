import { runTool } from './run-tool';

describe('npm run invoke', () => {
  it('prints only the handler response on stdout, logs on stderr', () => {
    const { stdout, stderr, status } = runTool('invoke.ts', ['events/recorded-stream.json'], { POWERTOOLS_LOG_LEVEL: 'INFO' });
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ batchItemFailures: [] });
    const summary = stderr
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line.level === 'INFO');
    expect(summary).toMatchObject({ message: 'Batch processed', applied: 9, ignored: 6, orphaned: 2 });
  });

  it('refuses a file that is not a Lambda Kinesis event', () => {
    const { stdout, stderr, status } = runTool('invoke.ts', ['tools/fixtures/recorded-stream.json']);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/not a Lambda Kinesis event/);
  });
});
