import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { toApiGatewayEvent } from './api-gateway-event';
import type { AuthorizerResult } from './jwt-authorizer';
import { fromLambdaResult, type HttpReply, jsonReply } from './lambda-response';
import { localLambdaContext } from './lambda-context';

/** The read-API Lambda as the route invokes it (its own result type is its business). */
export type ReadApiLambda = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => Promise<unknown>;

export const READ_API_ROUTE_KEY = 'GET /user-limits/{userId}';
const ROUTE_PATH = /^\/user-limits\/([^/]+)$/;
/** The read API's Lambda timeout in the stack; the local invocation gets as long. */
const READ_API_TIMEOUT_MS = 10_000;

export interface ReadApiRouteOptions {
  handler: ReadApiLambda;
  authorize: (authorizationHeader: string | undefined) => Promise<AuthorizerResult>;
  /** Told why a token was refused or a handler failed (the client only sees API Gateway's bodies). */
  log: (line: string) => void;
}

/** Whether a request path belongs to the read API (the route matched on the raw, encoded path). */
export const matchReadApiPath = (rawPath: string): { userId: string } | { malformed: true } | undefined => {
  const segment = ROUTE_PATH.exec(rawPath)?.[1];
  if (segment === undefined) return undefined;
  try {
    return { userId: decodeURIComponent(segment) };
  } catch {
    return { malformed: true };
  }
};

/**
 * The read API behind a stand-in for API Gateway: the JWT authorizer first
 * (401 `{"message":"Unauthorized"}` without invoking the Lambda, as an HTTP
 * API does), then the real handler with a payload-format-2.0 event; a thrown
 * handler is API Gateway's 500.
 */
export const createReadApiRoute =
  ({ handler, authorize, log }: ReadApiRouteOptions) =>
  async (request: IncomingMessage, url: URL): Promise<HttpReply | undefined> => {
    const match = matchReadApiPath(url.pathname);
    if (match === undefined || request.method !== 'GET') return undefined;
    if ('malformed' in match) return jsonReply(400, { message: 'Bad Request' });
    const authorization = await authorize(request.headers.authorization);
    if (!authorization.authorized) {
      log(`read API: 401 for ${url.pathname} (${authorization.reason})`);
      return jsonReply(401, { message: 'Unauthorized' }, { 'www-authenticate': 'Bearer' });
    }
    const event = toApiGatewayEvent({
      method: 'GET',
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      headers: request.headers,
      sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
      routeKey: READ_API_ROUTE_KEY,
      pathParameters: { userId: match.userId },
      claims: authorization.claims,
    });
    try {
      return fromLambdaResult(await handler(event, localLambdaContext('user-limits-read-api', READ_API_TIMEOUT_MS)));
    } catch (error) {
      log(`read API: handler failed: ${error instanceof Error ? error.message : String(error)}`);
      return jsonReply(500, { message: 'Internal Server Error' });
    }
  };
