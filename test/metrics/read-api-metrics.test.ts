import { createReadApiHandler } from '../../lambda/read-api/create-read-api-handler';
import { fixedNextTokenKey } from '../../lambda/read-api/next-token-key';
import { captureMetrics, directiveOf, metricValuesOf } from '../support/emf';
import { captureLogs } from '../support/log-capture';
import { accessTokenClaims, readEvent, type ReadRequest } from '../read-api/support/api-gateway-event';
import { putLimits, startLocalTable, type LocalTable } from '../read-api/support/limits-table';
import { fullLimit } from '../read-api/support/limits';
import { TEST_TOKEN_KEY } from '../read-api/support/read-api';

describe('the read API: one EMF blob per request, equal to its "request" line', () => {
  let table: LocalTable;

  beforeAll(async () => {
    table = await startLocalTable();
    await putLimits(table, [fullLimit('alice', 'lim-1')]);
  });
  afterAll(() => table.stop());

  /** One request through a fresh handler on `tableName`; its blob and its log line. */
  const request = async (read: ReadRequest, tableName = table.tableName) => {
    const logs = captureLogs('INFO');
    const { metrics, blobs } = captureMetrics(logs.logger, 'user-limits-read-api');
    const handler = createReadApiHandler({
      client: table.client,
      tableName,
      nextTokenKey: fixedNextTokenKey(TEST_TOKEN_KEY),
      logger: logs.logger,
      metrics,
    });
    const response = await handler(readEvent(read));
    const lines = logs.entries().filter((entry) => entry.message === 'request');
    expect(lines).toHaveLength(1);
    expect(blobs).toHaveLength(1);
    const blob = blobs[0]!;
    expect(directiveOf(blob)).toEqual({
      namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || 'UserLimits',
      dimensions: [['service']],
      units: { Requests: 'Count', ClientErrors: 'Count', ServerErrors: 'Count', LatencyMs: 'Milliseconds' },
    });
    expect(blob.service).toBe('user-limits-read-api');
    expect(lines[0]!.status).toBe(response.statusCode);
    return { values: metricValuesOf(blob), line: lines[0]! };
  };

  test("200: a request, no error, LatencyMs = the line's durationMs", async () => {
    const { values, line } = await request({ userId: 'alice' });
    expect(values).toEqual({ Requests: 1, ClientErrors: 0, ServerErrors: 0, LatencyMs: line.durationMs });
    expect(values.LatencyMs).toBeGreaterThan(0);
  });

  test.each([
    ['400 (bad page size)', { userId: 'alice', query: { limit: 'x' } }, 400],
    ['401 (no claims)', { userId: 'alice', claims: null }, 401],
    ['403 (another user)', { userId: 'alice', claims: accessTokenClaims('mallory') }, 403],
    ['404 (another route)', { userId: 'alice', routeKey: 'GET /other' }, 404],
  ])('%s: a client error', async (_case, read: ReadRequest, status) => {
    const { values, line } = await request(read);
    expect(line.status).toBe(status);
    expect(values).toEqual({ Requests: 1, ClientErrors: 1, ServerErrors: 0, LatencyMs: line.durationMs });
  });

  test('500 (DynamoDB fails): a server error', async () => {
    const { values, line } = await request({ userId: 'alice' }, 'no-such-table');
    expect(line.status).toBe(500);
    expect(values).toEqual({ Requests: 1, ClientErrors: 0, ServerErrors: 1, LatencyMs: line.durationMs });
  });
});
