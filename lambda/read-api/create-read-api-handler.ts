import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { type Access, decideAccess, verifiedClaims } from './authorization';
import { createNextTokenCodec, type NextTokenCodec } from './next-token';
import type { NextTokenKeySource } from './next-token-key';
import { queryLimitsPage } from './query-limits';
import { READ_ROUTE_KEY, readNextToken, readPageSize, readUserId } from './request';
import { publishRequestMetrics } from './request-metrics';
import {
  errorResponse,
  forbidden,
  internalError,
  invalidNextToken,
  limitsPage,
  notFound,
  type ReadApiResponse,
  unauthorized,
} from './responses';

/** What the read API needs; the Lambda entry point and tests pass their own. */
export interface ReadApiDependencies {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** The key that signs paging tokens (at least 32 bytes); asked for once per request that gets past the input checks. */
  nextTokenKey: NextTokenKeySource;
  logger: Logger;
  /** Gets one EMF blob per request (request-metrics.ts); absent, none is printed. */
  metrics?: Metrics;
}

/** `GET /user-limits/{userId}` for API Gateway HTTP API events (payload 2.0, JWT authorizer). */
export type ReadApiHandler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context?: Context) => Promise<ReadApiResponse>;

/** What the request's log line says besides route, status and duration: never a limit's value. */
interface RequestFacts {
  userId?: string;
  access?: Access;
  readUnits?: number;
  items?: number;
}

const serve = async (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  dependencies: ReadApiDependencies,
  codec: () => Promise<NextTokenCodec>,
  facts: RequestFacts,
): Promise<ReadApiResponse> => {
  if (event.routeKey !== READ_ROUTE_KEY) return notFound();
  const user = readUserId(event);
  if (user.ok) facts.userId = user.userId;
  const claims = verifiedClaims(event);
  if (claims === undefined) return unauthorized();
  if (!user.ok) return errorResponse(400, user.message);

  const access = decideAccess(claims, user.userId);
  facts.access = access;
  if (access === 'unauthenticated') return unauthorized();
  if (access === 'forbidden') return forbidden();

  const page = readPageSize(event);
  if (!page.ok) return errorResponse(400, page.message);
  // After the checks: a 400/401/403 does not depend on Secrets Manager.
  const tokens = await codec();
  const token = readNextToken(event);
  const afterSortKey = token === undefined ? undefined : tokens.open(user.userId, token);
  if (token !== undefined && afterSortKey === undefined) return invalidNextToken();

  const result = await queryLimitsPage(dependencies.client, dependencies.tableName, {
    userId: user.userId,
    pageSize: page.pageSize,
    afterSortKey,
  });
  facts.readUnits = result.readUnits;
  facts.items = result.limits.length;
  const nextToken = result.lastSortKey === undefined ? undefined : tokens.issue(user.userId, result.lastSortKey);
  return limitsPage(result.limits, nextToken);
};

/** The codec for the key the source gives, made again only when the key changes. */
const codecFrom = (nextTokenKey: NextTokenKeySource): (() => Promise<NextTokenCodec>) => {
  let current: { key: Buffer; codec: NextTokenCodec } | undefined;
  return async () => {
    const key = await nextTokenKey();
    if (current?.key !== key) current = { key, codec: createNextTokenCodec(key) };
    return current.codec;
  };
};

/**
 * The read API: route check, authorization from the verified JWT claims,
 * input checks, the paging-token key, one DynamoDB Query, one INFO log line
 * per request and, with `metrics`, one EMF blob of the same status and
 * duration. Any failure below it (DynamoDB, Secrets Manager, network) is
 * a 500 with no details; the error goes to the log. Per request, the DEBUG
 * sampling decision (POWERTOOLS_LOGGER_SAMPLE_RATE) is made again.
 */
export const createReadApiHandler = (dependencies: ReadApiDependencies): ReadApiHandler => {
  const codec = codecFrom(dependencies.nextTokenKey);
  const { logger, metrics } = dependencies;
  return async (event, context) => {
    const started = performance.now();
    logger.refreshSampleRateCalculation();
    if (context !== undefined) logger.addContext(context);
    const facts: RequestFacts = {};
    let response: ReadApiResponse;
    try {
      response = await serve(event, dependencies, codec, facts);
    } catch (error) {
      logger.error('reading limits failed', error as Error);
      response = internalError();
    }
    const durationMs = Math.round((performance.now() - started) * 100) / 100;
    logger.info('request', {
      route: event.routeKey,
      status: response.statusCode,
      durationMs,
      userId: facts.userId,
      access: facts.access,
      items: facts.items,
      readUnits: facts.readUnits,
      requestId: event.requestContext?.requestId,
    });
    if (metrics !== undefined) publishRequestMetrics(metrics, response.statusCode, durationMs, logger);
    return response;
  };
};
