import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';

/** The OAuth scope that lets support staff read any user's limits. */
export const READ_ANY_SCOPE = 'user-limits/read-any';

/**
 * Who may read `{userId}`'s limits, decided from the token's claims only.
 * `own` and `read-any` say why access was granted (logged for audit).
 */
export type Access = 'own' | 'read-any' | 'unauthenticated' | 'forbidden';

type Claims = Record<string, unknown>;

/**
 * The claims API Gateway's JWT authorizer verified, or undefined when the
 * event carries none (no authorizer on the route, or a hand-built event).
 */
export const verifiedClaims = (event: APIGatewayProxyEventV2WithJWTAuthorizer): Claims | undefined => {
  // Typed as always present, but an event from a route without an authorizer has no such field.
  const claims: unknown = (event.requestContext as { authorizer?: { jwt?: { claims?: unknown } } }).authorizer?.jwt?.claims;
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return undefined;
  return Object.keys(claims).length === 0 ? undefined : (claims as Claims);
};

/**
 * The token's scopes. The `scope` claim is a space-separated string (RFC 8693);
 * some issuers send an array, which API Gateway may pass on as an array or
 * render as "[a b]". Anything else holds no scope.
 */
export const scopesOf = (claims: Claims): string[] => {
  const scope = claims.scope;
  if (Array.isArray(scope)) return scope.filter((entry): entry is string => typeof entry === 'string');
  if (typeof scope !== 'string') return [];
  const listed = scope.startsWith('[') && scope.endsWith(']') ? scope.slice(1, -1) : scope;
  return listed.split(/\s+/).filter((entry) => entry.length > 0);
};

/**
 * The function's own access check (API Gateway has already verified the
 * token): the caller reads their own limits (`sub` equals the path's userId)
 * or holds {@link READ_ANY_SCOPE}. Nothing from headers, query or body counts.
 */
export const decideAccess = (claims: Claims | undefined, userId: string): Access => {
  if (claims === undefined) return 'unauthenticated';
  if (typeof claims.sub === 'string' && claims.sub.length > 0 && claims.sub === userId) return 'own';
  if (scopesOf(claims).includes(READ_ANY_SCOPE)) return 'read-any';
  return 'forbidden';
};
