import { READ_ROUTE_KEY } from '../../lambda/read-api/request';
import { accessTokenClaims } from './support/api-gateway-event';
import { putLimits, startLocalTable, type LocalTable } from './support/limits-table';
import { fullLimit } from './support/limits';
import { createTestApi } from './support/read-api';

describe('failures and log lines', () => {
  let table: LocalTable;

  beforeAll(async () => {
    table = await startLocalTable();
    await putLimits(table, [fullLimit('alice', 'lim-secret-id', { value: '31337', progress: '4242.42', currencyCode: 'XTS' })]);
  });
  afterAll(() => table.stop());

  test('a DynamoDB failure → 500 {"message":"internal error"}, no details; the error is logged', async () => {
    const api = createTestApi({ client: table.client, tableName: 'no-such-table' });
    const response = await api.get({ userId: 'alice' });
    expect(response.statusCode).toBe(500);
    expect(response.body).toBe('{"message":"internal error"}');
    expect(response.headers).toEqual({ 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    const errors = api.logs.entries().filter((entry) => entry.level === 'ERROR');
    expect(errors).toHaveLength(1);
    expect(JSON.stringify(errors[0])).toContain('ResourceNotFoundException');
    expect(api.logs.entries().filter((entry) => entry.level === 'INFO')).toEqual([
      expect.objectContaining({ message: 'request', status: 500, userId: 'alice', access: 'own' }),
    ]);
  });

  test('one INFO line per request: route, status, duration, user id, access, counts; never a limit value', async () => {
    const api = createTestApi(table);
    await api.get({ userId: 'alice' });
    await api.get({ userId: 'alice', claims: accessTokenClaims('mallory') });
    await api.get({ userId: 'alice', claims: null });
    await api.get({ userId: 'alice', query: { limit: 'x' } });
    const lines = api.logs.entries();
    expect(lines.map((line) => [line.level, line.message, line.status])).toEqual([
      ['INFO', 'request', 200],
      ['INFO', 'request', 403],
      ['INFO', 'request', 401],
      ['INFO', 'request', 400],
    ]);
    expect(lines[0]).toMatchObject({
      route: READ_ROUTE_KEY,
      status: 200,
      durationMs: expect.any(Number),
      userId: 'alice',
      access: 'own',
      items: 1,
      readUnits: 0.5,
      requestId: 'R2d2C3poAMcEJ0g=',
    });
    expect(lines[1]).toMatchObject({ status: 403, userId: 'alice', access: 'forbidden' });
    for (const line of api.logs.lines) {
      for (const value of ['31337', '4242.42', 'XTS', 'lim-secret-id', 'Bearer', 'mallory']) expect(line).not.toContain(value);
    }
  });

  test('a userId that fails validation is not logged (it may be anything, of any length)', async () => {
    const api = createTestApi(table);
    const junk = 'j'.repeat(300);
    await api.get({ userId: junk, claims: accessTokenClaims(junk) });
    expect(api.logs.entries()).toEqual([expect.objectContaining({ status: 400 })]);
    expect(api.logs.lines.join('\n')).not.toContain(junk);
  });
});
