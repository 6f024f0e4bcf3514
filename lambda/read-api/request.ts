import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';

/** The one route this function serves, as API Gateway names it in `routeKey`. */
export const READ_ROUTE_KEY = 'GET /user-limits/{userId}';

export const MAX_USER_ID_LENGTH = 256;
export const MIN_PAGE_SIZE = 1;
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 50;

/** A parameter that is not acceptable, with the one-line message the caller gets (it names the parameter). */
export interface BadParameter {
  ok: false;
  message: string;
}

/**
 * The `{userId}` path parameter. API Gateway hands it over already
 * URL-decoded; its length is counted in characters (code points).
 */
export const readUserId = (event: APIGatewayProxyEventV2WithJWTAuthorizer): { ok: true; userId: string } | BadParameter => {
  const userId = event.pathParameters?.userId ?? '';
  let length = 0;
  for (const _character of userId) {
    length += 1;
    if (length > MAX_USER_ID_LENGTH) break;
  }
  if (length === 0 || length > MAX_USER_ID_LENGTH) {
    return { ok: false, message: `userId must be 1 to ${MAX_USER_ID_LENGTH} characters long` };
  }
  return { ok: true, userId };
};

/**
 * `?limit=N`: an integer from 1 to 100 in plain digits, 50 when absent.
 * A repeated parameter reaches the function comma-joined ("1,2") and fails.
 */
export const readPageSize = (event: APIGatewayProxyEventV2WithJWTAuthorizer): { ok: true; pageSize: number } | BadParameter => {
  const text = event.queryStringParameters?.limit;
  if (text === undefined) return { ok: true, pageSize: DEFAULT_PAGE_SIZE };
  const pageSize = /^[0-9]{1,3}$/.test(text) ? Number(text) : Number.NaN;
  if (!(pageSize >= MIN_PAGE_SIZE && pageSize <= MAX_PAGE_SIZE)) {
    return { ok: false, message: `limit must be an integer from ${MIN_PAGE_SIZE} to ${MAX_PAGE_SIZE}` };
  }
  return { ok: true, pageSize };
};

/** `?nextToken=…` as sent (checked later against the user it must have been issued for). */
export const readNextToken = (event: APIGatewayProxyEventV2WithJWTAuthorizer): string | undefined => event.queryStringParameters?.nextToken;
