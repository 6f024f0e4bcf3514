import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { READ_ROUTE_KEY } from '../../../lambda/read-api/request';

export interface ReadRequest {
  /** The `{userId}` path parameter as API Gateway decoded it. */
  userId: string;
  /** Query parameters; `rawQueryString` is built from them. */
  query?: Record<string, string>;
  /** The verified claims; `null` for an event with no authorizer context. */
  claims?: Record<string, string | number | boolean | string[]> | null;
  headers?: Record<string, string>;
  routeKey?: string;
  method?: string;
}

/** The claims API Gateway passes on for a Cognito access token of `sub` (all values as strings). */
export const accessTokenClaims = (sub: string, scope?: string): Record<string, string> => ({
  auth_time: '1764132000',
  client_id: '5r0ntfr0nt3ndc113nt',
  exp: '1764135600',
  iat: '1764132000',
  iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example',
  jti: 'b1d6c1f0-5e2f-4c1e-9d57-0c5f3b0d9a11',
  ...(scope === undefined ? {} : { scope }),
  sub,
  token_use: 'access',
  username: sub,
});

/**
 * An HTTP API payload 2.0 event as API Gateway builds it for
 * `GET /user-limits/{userId}` behind a JWT authorizer.
 */
export const readEvent = (request: ReadRequest): APIGatewayProxyEventV2WithJWTAuthorizer => {
  const query = request.query;
  const rawQueryString = query === undefined ? '' : new URLSearchParams(query).toString();
  const rawPath = `/user-limits/${request.userId}`;
  const claims = request.claims === undefined ? accessTokenClaims(request.userId) : request.claims;
  const scopeClaim = claims?.scope;
  const scopes = typeof scopeClaim === 'string' ? scopeClaim.split(' ') : Array.isArray(scopeClaim) ? scopeClaim : null;
  const requestContext = {
    accountId: '123456789012',
    apiId: 'a1b2c3d4e5',
    ...(claims === null ? {} : { authorizer: { jwt: { claims, scopes } } }),
    domainName: 'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com',
    domainPrefix: 'a1b2c3d4e5',
    http: {
      method: request.method ?? 'GET',
      path: rawPath,
      protocol: 'HTTP/1.1',
      sourceIp: '203.0.113.7',
      userAgent: 'curl/8.5.0',
    },
    requestId: 'R2d2C3poAMcEJ0g=',
    routeKey: request.routeKey ?? READ_ROUTE_KEY,
    stage: '$default',
    time: '26/Nov/2025:04:51:00 +0000',
    timeEpoch: 1764132660000,
  };
  return {
    version: '2.0',
    routeKey: request.routeKey ?? READ_ROUTE_KEY,
    rawPath,
    rawQueryString,
    headers: {
      accept: '*/*',
      authorization: 'Bearer eyJraWQiOiJleGFtcGxlIn0.e30.c2lnbmF0dXJl',
      'content-length': '0',
      host: 'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com',
      'user-agent': 'curl/8.5.0',
      'x-amzn-trace-id': 'Root=1-6746a1b4-0123456789abcdef01234567',
      'x-forwarded-for': '203.0.113.7',
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
      ...request.headers,
    },
    ...(query === undefined ? {} : { queryStringParameters: { ...query } }),
    requestContext,
    pathParameters: { userId: request.userId },
    isBase64Encoded: false,
  } as APIGatewayProxyEventV2WithJWTAuthorizer;
};
