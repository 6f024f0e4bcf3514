import { runTool } from '../tools/run-tool';

describe('npm run bench:store', () => {
  it('--json prints exactly one document with the seven figures, the counts consistent', () => {
    const { stdout, stderr, status } = runTool('bench-store.ts', [
      '--json',
      '--records',
      '300',
      '--users',
      '40',
      '--warm-up',
      '300',
      '--rounds',
      '1',
      '--latency-ms',
      '1',
    ]);
    expect(stderr).not.toContain('unexpected error');
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const document = JSON.parse(lines[0]!);
    expect(Object.keys(document)).toEqual([
      'records',
      'latencyMs',
      'seconds',
      'recordsPerSecond',
      'requests',
      'distinctItems',
      'naiveRequests',
    ]);
    expect(document).toMatchObject({ records: 300, latencyMs: 1 });
    for (const value of Object.values(document)) expect(typeof value).toBe('number');
    expect(document.seconds).toBeGreaterThan(0);
    expect(document.distinctItems).toBeGreaterThan(40);
    // Counted, not timed: the batch-shaped store needs fewer requests than the per-record seam.
    expect(document.requests).toBeGreaterThan(0);
    expect(document.naiveRequests).toBeGreaterThan(document.requests);
  }, 120_000);

  it('a bad option: one line on stderr, exit code 2', () => {
    const { stdout, stderr, status } = runTool('bench-store.ts', ['--latency-ms', 'soon']);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe('error: --latency-ms must be an integer from 0 to 1000, got "soon"');
  });
});
