import { errors, jwtVerify } from 'jose';
import type { DevTokenSettings } from './token-issuer';

/** Claims as API Gateway's JWT authorizer hands them to the integration: every value a string. */
export type StringClaims = Record<string, string>;

export type AuthorizerResult = { authorized: true; claims: StringClaims } | { authorized: false; reason: string };

/**
 * A claim value the way an HTTP API passes it in `requestContext.authorizer.jwt.claims`:
 * numbers and booleans as their text, arrays as `[a b]`, objects as JSON.
 */
export const claimAsString = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(claimAsString).join(' ')}]`;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
};

const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+) *$/;

/**
 * Does what an API Gateway HTTP API JWT authorizer does before the Lambda is
 * invoked: takes the bearer token from the Authorization header, checks its
 * signature, issuer, audience (`aud`, else `client_id`), expiry, not-before
 * and issued-at, and passes
 * the claims on as strings. A refusal carries a reason for the dev log only
 * (API Gateway's 401 body says just "Unauthorized").
 */
export const createJwtAuthorizer =
  (settings: DevTokenSettings) =>
  async (authorizationHeader: string | undefined): Promise<AuthorizerResult> => {
    if (authorizationHeader === undefined || authorizationHeader === '') return { authorized: false, reason: 'no Authorization header' };
    const token = BEARER.exec(authorizationHeader)?.[1];
    if (token === undefined) return { authorized: false, reason: 'Authorization is not "Bearer <JWT>"' };
    try {
      const { payload } = await jwtVerify(token, settings.publicKey, {
        issuer: settings.issuer,
        algorithms: [settings.algorithm],
        requiredClaims: ['exp', 'sub'],
      });
      // API Gateway takes `aud`, or `client_id` when there is no `aud` (Cognito access tokens).
      const audiences = payload.aud === undefined ? [payload.client_id] : [payload.aud].flat();
      if (!audiences.includes(settings.audience))
        return { authorized: false, reason: 'neither aud nor client_id is the expected audience' };
      if (typeof payload.iat === 'number' && payload.iat > Math.ceil(Date.now() / 1000)) {
        return { authorized: false, reason: 'token issued in the future' };
      }
      // fromEntries defines own properties: a claim named __proto__ stays a claim.
      const claims: StringClaims = Object.fromEntries(Object.entries(payload).map(([name, value]) => [name, claimAsString(value)]));
      return { authorized: true, claims };
    } catch (error) {
      if (error instanceof errors.JOSEError) return { authorized: false, reason: `${error.code}: ${error.message}` };
      throw error;
    }
  };
