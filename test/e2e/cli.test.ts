import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createKinesisClient } from '../../tools/kinesis/client';
import { startKinesalite } from '../../tools/kinesis/kinesalite-server';
import { pollStream } from '../../tools/kinesis/poller';
import { createStream } from '../../tools/kinesis/stream-admin';
import { RECORDED_STREAM_PATH } from '../../tools/recorded-stream';

const ROOT = join(__dirname, '..', '..');

/** Runs a tool as `npm run` would (node + tsx), never throwing: exit code, stdout, stderr. */
const runTool = async (tool: string, args: string[]) => {
  const env = { ...process.env };
  delete env.POWERTOOLS_LOG_LEVEL; // the tools' own default levels are under test
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(ROOT, 'tools', tool), ...args], {
      cwd: ROOT,
      env,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

/** Runs an npm script exactly as the README writes it (`npm run -s …`), never throwing. */
const runNpm = async (args: string[]) => {
  try {
    const { stdout, stderr } = await promisify(execFile)('npm', ['run', '-s', ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

const listen = async (server: Server): Promise<number> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('npm run produce', () => {
  it('puts a file of domain events with partition key = aggregateId, readable back in order', async () => {
    const kinesalite = await startKinesalite({ createStreamMs: 10 });
    const client = createKinesisClient({ endpoint: kinesalite.endpoint });
    const connection = { client, endpoint: kinesalite.endpoint };
    try {
      const stream = await createStream(connection, 'cli-stream', 2);
      const run = await runTool('produce.ts', [
        '--endpoint',
        kinesalite.endpoint,
        '--stream',
        'cli-stream',
        '--batch-size',
        '5',
        'tools/fixtures/recorded-stream.json',
      ]);
      expect(run.stderr).toBe(''); // progress at most once a second: not one line per PutRecords call
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(
        /^Put 17 records from 1 file\(s\) on cli-stream at http:\/\/127\.0\.0\.1:\d+: 17 PutRecords calls, 0 records retried, 0 throttles$/m,
      );

      const read: Array<{ partitionKey: string; aggregateId: string; eventId: string }> = [];
      await pollStream(connection, {
        streamName: 'cli-stream',
        streamArn: stream.streamArn,
        deliver: async (_shardId, records) => {
          for (const record of records) {
            const event = JSON.parse(Buffer.from(record.kinesis.data, 'base64').toString('utf8'));
            read.push({ partitionKey: record.kinesis.partitionKey, aggregateId: event.aggregateId, eventId: event.eventId });
          }
        },
      });
      const recorded = JSON.parse(readFileSync(RECORDED_STREAM_PATH, 'utf8')) as Array<{ aggregateId: string; eventId: string }>;
      expect(read).toHaveLength(17);
      expect(read.every((entry) => entry.partitionKey === entry.aggregateId)).toBe(true);
      // One user in the recording: one shard, so the read order is the file's order.
      expect(read.map((entry) => entry.eventId)).toEqual(recorded.map((event) => event.eventId));
    } finally {
      client.destroy();
      await kinesalite.stop();
    }
  });

  it('`npm run -s produce -- --json …` prints exactly one JSON document, the summary', async () => {
    const kinesalite = await startKinesalite({ createStreamMs: 10 });
    const client = createKinesisClient({ endpoint: kinesalite.endpoint });
    try {
      await createStream({ client, endpoint: kinesalite.endpoint }, 'json-stream', 1);
      const args = [
        '--json',
        '--endpoint',
        kinesalite.endpoint,
        '--stream',
        'json-stream',
        '--region',
        'us-east-1',
        'tools/fixtures/recorded-stream.json',
      ];
      const run = await runNpm(['produce', '--', ...args]);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(run.stdout)).toEqual({
        stream: 'json-stream',
        endpoint: kinesalite.endpoint,
        files: 1,
        records: 17,
        requests: 17, // one user: one record per call, so that a retried record never lands after a later one
        retriedRecords: 0,
        throttles: 0,
        shards: { 'shardId-000000000000': 17 },
      });
    } finally {
      client.destroy();
      await kinesalite.stop();
    }
  });

  it('exits 1 with one line naming an endpoint that does not answer', async () => {
    const server = createServer();
    const port = await listen(server);
    await close(server);
    const run = await runTool('produce.ts', [
      '--endpoint',
      `http://127.0.0.1:${port}`,
      '--stream',
      's',
      'tools/fixtures/recorded-stream.json',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `error: Kinesis endpoint http://127.0.0.1:${port} does not answer (connection refused); is it running, and is --endpoint right?\n`,
    );
  });

  it('exits 2 with the usage when --endpoint is missing', async () => {
    const run = await runTool('produce.ts', ['--stream', 's', 'tools/fixtures/recorded-stream.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'error: --endpoint is required (usage: npm run produce -- --endpoint URL --stream NAME [--region R] [--batch-size N] [--json] FILE…)\n',
    );
  });

  it('answers --help even without the required options', async () => {
    const run = await runTool('produce.ts', ['--help']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^usage: npm run produce -- --endpoint URL/);
    expect(run.stdout).toMatch(/--region R\s+the region to sign for/);
  });

  it.each([
    ['a bad --region', ['--region', 'EU WEST', 'f'], /^error: --region must be a region name such as eu-west-1, got "EU WEST"\n$/],
    ['a bad --batch-size', ['--batch-size', '501', 'f'], /^error: --batch-size must be an integer from 1 to 500, got "501"\n$/],
    ['an unknown option', ['--bogus'], /^error: unknown option '--bogus' \(usage: npm run produce -- .*; --help for details\)\n$/],
  ])('exits 2 with one line for %s', async (_case, args, message) => {
    const run = await runTool('produce.ts', ['--endpoint', 'http://127.0.0.1:1', '--stream', 's', ...args]);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(message);
  });
});

describe('npm run e2e', () => {
  it('--json prints exactly one JSON document with shards, summary, mismatches and seconds', async () => {
    const run = await runTool('e2e.ts', ['--json', '--records', '600', '--users', '60']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const document = JSON.parse(run.stdout);
    expect(Object.keys(document)).toEqual(['shards', 'store', 'parallelization', 'summary', 'mismatches', 'seconds']);
    expect(Object.keys(document.summary)).toEqual(['records', 'applied', 'duplicates', 'ignored', 'orphaned', 'rejected', 'failed']);
    expect(document).toMatchObject({ shards: 4, store: 'memory', parallelization: 1, mismatches: 0, summary: { records: 600, failed: 0 } });
    expect(document.seconds).toBeGreaterThan(0);
  });

  it('exits 1 with one line when the chosen --port is busy', async () => {
    const squatter = createServer();
    const port = await listen(squatter);
    try {
      const run = await runTool('e2e.ts', ['--json', '--records', '10', '--port', String(port)]);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`error: port ${port} on 127.0.0.1 is in use; choose another --port, or leave it out to pick a free one\n`);
    } finally {
      await close(squatter);
    }
  });
});
