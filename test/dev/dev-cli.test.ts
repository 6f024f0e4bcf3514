import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, spawnDev, waitForReady, type DevProcess } from './support/dev-process';

const RECORDED_USER = 'VijPYTEOgK7dxLs5fBjJ';

/** A GET with an explicit Host header (fetch will not send another host's name). */
const getWithHost = (url: string, host: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject).end();
  });

const PROGRESS_LINE =
  /^processor: shardId-\d+: batch of (\d+) records: \d+ applied, \d+ duplicates, \d+ ignored, \d+ orphaned, \d+ rejected, \d+ failed$/gm;

/** Records in the processor's progress lines so far. */
const processedRecords = (stderr: string): number => [...stderr.matchAll(PROGRESS_LINE)].reduce((sum, match) => sum + Number(match[1]), 0);

const eventually = async <T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

describe('npm run dev', () => {
  let dev: DevProcess;

  afterEach(async () => {
    if (dev.child.exitCode === null && dev.child.signalCode === null) {
      dev.child.kill('SIGKILL');
      await dev.exited;
    }
  });

  it('prints one READY line, serves tokens and the read API, takes produced events, and stops on SIGTERM with exit 0', async () => {
    dev = spawnDev(['--port', '0']);
    const info = await waitForReady(dev);
    expect(Object.keys(info).sort()).toEqual([
      'apiUrl',
      'devTokenUrl',
      'dynamodbEndpoint',
      'kinesisEndpoint',
      'pageUrl',
      'streamName',
      'tableName',
    ]);
    expect(info.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.pageUrl).toBe(`${info.apiUrl}/`);
    expect(info.devTokenUrl).toBe(`${info.apiUrl}/dev/token`);
    expect(info.kinesisEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.dynamodbEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(dev.stderr()).toContain(`npm run produce -- --endpoint ${info.kinesisEndpoint} --stream ${info.streamName}`);

    // The token endpoint: a token for a user; 400 with a message for bad parameters; 403 for a foreign Host.
    const tokenResponse = await fetch(`${info.devTokenUrl}?sub=${RECORDED_USER}`);
    expect(tokenResponse.status).toBe(200);
    expect(tokenResponse.headers.get('cache-control')).toBe('no-store');
    const { token } = (await tokenResponse.json()) as { token: string };
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    for (const query of ['', '?sub=', '?sub=a&sub=b', '?sub=a&role=admin']) {
      const bad = await fetch(`${info.devTokenUrl}${query}`);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { message: string }).message).toMatch(/parameter/);
    }
    const rebound = await getWithHost(`${info.devTokenUrl}?sub=a`, 'attacker.example');
    expect(rebound.status).toBe(403);
    expect(rebound.body).not.toContain('token"');

    // The read API behind the JWT check: 401 without a token, the user's limits with one.
    const anonymous = await fetch(`${info.apiUrl}/user-limits/${RECORDED_USER}`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ message: 'Unauthorized' });

    const produce = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'tools', 'produce.ts'),
        '--endpoint',
        info.kinesisEndpoint,
        '--stream',
        info.streamName,
        'tools/fixtures/recorded-stream.json',
      ],
      { cwd: ROOT },
    );
    expect(produce.stdout).toMatch(/^Put 17 records/);
    // Every record handed to the handler: the progress lines add up to the 17 produced.
    await eventually(async () => (processedRecords(dev.stderr()) >= 17 ? true : undefined), 10_000);
    expect(processedRecords(dev.stderr())).toBe(17);
    const response = await fetch(`${info.apiUrl}/user-limits/${RECORDED_USER}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const { userLimits } = (await response.json()) as {
      userLimits: Array<{ type: string; period: string; progress: string; nextResetTime: number }>;
    };
    // The recording's end state: three DEPOSIT limits, reset to 0, with the resets' next reset times.
    expect(userLimits.map(({ type, period, progress, nextResetTime }) => ({ type, period, progress, nextResetTime }))).toEqual([
      { type: 'DEPOSIT', period: 'WEEK', progress: '0', nextResetTime: 1650970090760 },
      { type: 'DEPOSIT', period: 'DAY', progress: '0', nextResetTime: 1650710890592 },
      { type: 'DEPOSIT', period: 'MONTH', progress: '0', nextResetTime: 1653216490824 },
    ]);

    const stoppedAt = Date.now();
    dev.child.kill('SIGTERM');
    const { code } = await dev.exited;
    expect(code).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(3_000);
    // stdout held exactly the READY line, nothing else.
    expect(dev.stdout().split('\n')).toEqual([expect.stringMatching(/^READY \{/), '']);
    await expect(fetch(info.pageUrl)).rejects.toThrow();
  });

  it('stops on SIGINT too, with exit 0', async () => {
    dev = spawnDev(['--port', '0']);
    await waitForReady(dev);
    dev.child.kill('SIGINT');
    expect((await dev.exited).code).toBe(0);
  });

  it('exits 2 with one line when the port is busy', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as AddressInfo;
    try {
      dev = spawnDev(['--port', String(port)]);
      const { code } = await dev.exited;
      expect(code).toBe(2);
      expect(dev.stdout()).toBe('');
      const errorLines = dev
        .stderr()
        .split('\n')
        .filter((line) => line.startsWith('error: '));
      expect(errorLines).toEqual([
        `error: port ${port} on 127.0.0.1 is in use; choose another with --port N, or --port 0 for any free port`,
      ]);
      expect(dev.stderr()).not.toMatch(/\n\s+at /); // no stack trace
    } finally {
      await new Promise<void>((resolve) => busy.close(() => resolve()));
    }
  });

  it('exits 2 with the usage for a bad --port', async () => {
    dev = spawnDev(['--port', 'abc']);
    expect((await dev.exited).code).toBe(2);
    expect(dev.stderr()).toBe('error: --port must be an integer from 0 to 65535, got "abc"\n');
    dev = spawnDev(['--port', '65536']);
    expect((await dev.exited).code).toBe(2);
    expect(dev.stderr()).toBe('error: --port must be an integer from 0 to 65535, got "65536"\n');
  });
});
