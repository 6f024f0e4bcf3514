import { emfBlobsIn } from '../support/emf';
import { runTool } from './run-tool';

/** Every stderr line that is a JSON log line (not a blob, not Node's warnings). */
const logLinesIn = (stderr: string): Array<Record<string, unknown>> =>
  stderr
    .split('\n')
    .filter((line) => line.startsWith('{"level"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the local tools show the EMF blob with the logs, on stderr', () => {
  test('invoke: stdout is the response only; stderr has the one blob, equal to the "Batch processed" line', () => {
    const { stdout, stderr, status } = runTool('invoke.ts', ['events/poison-pills.json'], { POWERTOOLS_LOG_LEVEL: 'INFO' });
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ batchItemFailures: [] });
    expect(emfBlobsIn(stdout)).toEqual([]);
    const blobs = emfBlobsIn(stderr);
    expect(blobs).toHaveLength(1);
    const summary = logLinesIn(stderr).find((line) => line.message === 'Batch processed')!;
    expect(blobs[0]).toMatchObject({ service: 'user-limits-processor', Records: 10, Applied: 4, Rejected: 6, Failed: 0 });
    expect(blobs[0]).toMatchObject({ Records: summary.records, Rejected: summary.rejected, BatchAgeMs: summary.batchAgeMs });
  });

  test('replay --json: stdout is the one document; stderr has one blob per invocation, adding up to its summary', () => {
    const { stdout, stderr, status } = runTool('replay.ts', ['--json', '--batch-size', '5']);
    expect(status).toBe(0);
    const document = JSON.parse(stdout) as { summary: Record<string, number> };
    const blobs = emfBlobsIn(stderr);
    expect(blobs).toHaveLength(4); // 17 records, 5 at a time
    const total = (name: string) => blobs.reduce((sum, blob) => sum + (blob[name] as number), 0);
    expect([total('Records'), total('Applied'), total('Ignored'), total('Orphaned')]).toEqual([
      document.summary.records,
      document.summary.applied,
      document.summary.ignored,
      document.summary.orphaned,
    ]);
    expect(blobs.every((blob) => !('StoreMs' in blob))).toBe(true);
  });

  test('replay (text): stdout is the report alone; the blob is on stderr', () => {
    const { stdout, stderr, status } = runTool('replay.ts', []);
    expect(status).toBe(0);
    expect(stdout.startsWith('Replayed ')).toBe(true);
    expect(emfBlobsIn(stdout)).toEqual([]);
    expect(emfBlobsIn(stderr)).toHaveLength(1);
  });

  test('replay --store dynamodb: each blob has StoreMs', () => {
    const { stdout, stderr, status } = runTool('replay.ts', ['--json', '--store', 'dynamodb']);
    expect(status).toBe(0);
    expect(() => JSON.parse(stdout)).not.toThrow();
    const blobs = emfBlobsIn(stderr);
    expect(blobs).toHaveLength(1);
    expect(blobs[0]!._aws.CloudWatchMetrics[0]!.Metrics).toContainEqual({ Name: 'StoreMs', Unit: 'Milliseconds' });
    expect(blobs[0]!.StoreMs as number).toBeGreaterThan(0);
  });
});
