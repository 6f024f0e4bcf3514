import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { StringClaims } from './jwt-authorizer';

/** What the adapter knows about one HTTP request once the route matched and the token was verified. */
export interface MatchedRequest {
  method: string;
  /** The path as sent, still percent-encoded. */
  rawPath: string;
  /** The query after `?`, as sent, without the `?`. */
  rawQueryString: string;
  headers: IncomingHttpHeaders;
  sourceIp: string;
  /** e.g. `GET /user-limits/{userId}` */
  routeKey: string;
  /** Decoded path parameters. */
  pathParameters: Record<string, string>;
  claims: StringClaims;
  /** Epoch ms; default now. */
  now?: number;
}

/** Header values joined by commas, names in lower case, as an HTTP API passes them. */
const joinHeaders = (headers: IncomingHttpHeaders): Record<string, string> => {
  const joined: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || name === 'cookie') continue; // cookies travel in `cookies`
    joined[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return joined;
};

/** Decoded query parameters; a repeated one joined with commas (payload format 2.0). */
const queryParameters = (rawQueryString: string): Record<string, string> | undefined => {
  const joined = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(rawQueryString)) joined.set(name, [...(joined.get(name) ?? []), value]);
  return joined.size === 0 ? undefined : Object.fromEntries([...joined].map(([name, values]) => [name, values.join(',')]));
};

const requestTime = (epochMs: number): string => {
  // API Gateway's format: 12/Mar/2020:19:03:58 +0000
  const date = new Date(epochMs);
  const month = date.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${month}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
};

/** The path with percent-escapes decoded, as an HTTP API passes `rawPath`; a malformed escape stays as sent. */
const decodedPath = (rawPath: string): string => {
  try {
    return decodeURI(rawPath);
  } catch {
    return rawPath;
  }
};

/**
 * The event an API Gateway HTTP API (payload format 2.0) with a JWT
 * authorizer would send the read-API Lambda for this request. Like the HTTP
 * API, it hands the path decoded, joins repeated query parameters and
 * headers with commas, and puts the token's claims, as strings, under
 * `requestContext.authorizer.jwt.claims` (`scopes` null: the route requires none).
 */
export const toApiGatewayEvent = (request: MatchedRequest): APIGatewayProxyEventV2WithJWTAuthorizer => {
  const now = request.now ?? Date.now();
  const headers = joinHeaders(request.headers);
  const path = decodedPath(request.rawPath);
  const cookieHeader = request.headers.cookie;
  const queryStringParameters = queryParameters(request.rawQueryString);
  return {
    version: '2.0',
    routeKey: request.routeKey,
    rawPath: path,
    rawQueryString: request.rawQueryString,
    ...(cookieHeader === undefined ? {} : { cookies: cookieHeader.split(/; */) }),
    headers,
    ...(queryStringParameters === undefined ? {} : { queryStringParameters }),
    pathParameters: request.pathParameters,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: { jwt: { claims: request.claims, scopes: null } },
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: (headers.host ?? '127').split('.')[0] ?? '',
      http: { method: request.method, path, protocol: 'HTTP/1.1', sourceIp: request.sourceIp, userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey: request.routeKey,
      stage: '$default',
      time: requestTime(now),
      timeEpoch: now,
    },
    isBase64Encoded: false,
  };
};
