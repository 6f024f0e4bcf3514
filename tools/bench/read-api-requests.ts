import { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { createReadApiHandler, type ReadApiHandler } from '../../lambda/read-api/create-read-api-handler';
import { fixedNextTokenKey } from '../../lambda/read-api/next-token-key';
import { queryLimitsPage } from '../../lambda/read-api/query-limits';
import { READ_ROUTE_KEY } from '../../lambda/read-api/request';
import { createDocumentClient } from '../../lambda/store/dynamodb/document-client';
import { toLimitItem } from '../../lambda/store/dynamodb/table-design';
import { startDynalite } from '../local/dynalite-server';
import { median } from './statistics';
import { benchLimit, createBenchTable, seedBenchTable } from './read-api-table';
import { withQuietStdio } from './quiet-stdio';

/** The value at quantile `q` (0..1) of the sorted values, nearest-rank. */
export const percentile = (values: readonly number[], q: number): number => {
  if (values.length === 0) throw new Error('percentile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
};

const TABLE_NAME = 'user-limits-bench';
const MEASURED_USER = 'bench-user-0000';
/** Other users in the table, so that the measured partition is one of many. */
const OTHER_USERS = 200;

/** The event API Gateway sends for the user reading their own limits (one page of 50). */
export const benchEvent = (userId: string): APIGatewayProxyEventV2WithJWTAuthorizer => ({
  version: '2.0',
  routeKey: READ_ROUTE_KEY,
  rawPath: `/user-limits/${userId}`,
  rawQueryString: '',
  headers: { host: 'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com', 'x-forwarded-proto': 'https' },
  pathParameters: { userId },
  requestContext: {
    accountId: '123456789012',
    apiId: 'a1b2c3d4e5',
    authorizer: { jwt: { claims: { sub: userId, scope: 'openid', token_use: 'access' }, scopes: ['openid'] } },
    domainName: 'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com',
    domainPrefix: 'a1b2c3d4e5',
    http: { method: 'GET', path: `/user-limits/${userId}`, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'bench' },
    requestId: 'bench',
    routeKey: READ_ROUTE_KEY,
    stage: '$default',
    time: '26/Nov/2025:04:51:00 +0000',
    timeEpoch: 1764132660000,
  },
  isBase64Encoded: false,
});

/** Times `requests` sequential calls after `warmup` untimed ones; every call must answer 200. */
const timeRequests = async (handler: ReadApiHandler, event: APIGatewayProxyEventV2WithJWTAuthorizer, warmup: number, requests: number) => {
  const call = async () => {
    const response = await handler(event);
    if (response.statusCode !== 200) throw new Error(`bench request answered ${response.statusCode}: ${response.body}`);
  };
  for (let index = 0; index < warmup; index += 1) await call();
  const times: number[] = [];
  for (let index = 0; index < requests; index += 1) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  return times;
};

export interface RequestFigures {
  medianMs: number;
  p99Ms: number;
  /** The same handler with a client that answers from memory: the function's own work per request. */
  handlerOnlyMedianUs: number;
  readUnitsPerRequest: number;
}

/**
 * Per-request time of the read handler (as in Lambda: Powertools logger on
 * stdout, here sent to /dev/null) against dynalite in this process, for a
 * user with `limitsPerUser` limits; plus the read units DynamoDB's rule
 * charges for that Query, as dynalite reports them (ReturnConsumedCapacity).
 */
export const measureRequests = async (options: { limitsPerUser: number; warmup: number; requests: number }): Promise<RequestFigures> => {
  const dynalite = await startDynalite();
  const client = createDocumentClient({ tableName: TABLE_NAME, endpoint: dynalite.endpoint, region: 'eu-west-1' });
  try {
    await createBenchTable(dynalite.endpoint, TABLE_NAME);
    const users = [MEASURED_USER, ...Array.from({ length: OTHER_USERS }, (_, index) => `bench-user-${String(index + 1).padStart(4, '0')}`)];
    await seedBenchTable(client, TABLE_NAME, users, options.limitsPerUser);

    const page = await queryLimitsPage(client, TABLE_NAME, { userId: MEASURED_USER, pageSize: 50 });
    if (page.limits.length !== options.limitsPerUser)
      throw new Error(`expected ${options.limitsPerUser} limits, read ${page.limits.length}`);
    if (page.readUnits === undefined) throw new Error('the Query reported no ConsumedCapacity');

    const nextTokenKey = fixedNextTokenKey(Buffer.alloc(32, 0x42));
    const logger = new Logger({ serviceName: 'user-limits-read-api', logLevel: 'INFO' });
    const event = benchEvent(MEASURED_USER);
    const handler = createReadApiHandler({ client, tableName: TABLE_NAME, nextTokenKey, logger });
    const items = Array.from({ length: options.limitsPerUser }, (_, index) => toLimitItem(benchLimit(MEASURED_USER, index), 1000 + index));
    const inMemoryClient = { send: async () => ({ Items: items, ConsumedCapacity: { CapacityUnits: page.readUnits } }) };
    const handlerOnly = createReadApiHandler({
      client: inMemoryClient as unknown as DynamoDBDocumentClient,
      tableName: TABLE_NAME,
      nextTokenKey,
      logger,
    });

    const [withTable, withoutTable] = await withQuietStdio(async () => [
      await timeRequests(handler, event, options.warmup, options.requests),
      await timeRequests(handlerOnly, event, options.warmup, options.requests),
    ]);
    return {
      medianMs: median(withTable),
      p99Ms: percentile(withTable, 0.99),
      handlerOnlyMedianUs: median(withoutTable) * 1000,
      readUnitsPerRequest: page.readUnits,
    };
  } finally {
    client.destroy();
    await dynalite.stop();
  }
};
