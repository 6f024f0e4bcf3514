import { StackPropsError } from './props-error';

/** Settings of the read API (`GET /user-limits/{userId}`), which the stack adds with the DynamoDB store. */
export interface ReadApiProps {
  /**
   * Issuer of the JWTs the API accepts (`iss`, an https URL). Given together
   * with {@link jwtAudience}; without both, the stack creates a Cognito user
   * pool and app client and accepts their access tokens.
   */
  readonly jwtIssuer?: string;
  /** Accepted audiences: the token's `aud`, or its `client_id` when it has no `aud` (Cognito access tokens). */
  readonly jwtAudience?: readonly string[];
  /** Steady-state requests per second across the API (default route throttling). */
  readonly apiThrottleRateLimit?: number;
  /** Requests the API accepts at once above the steady rate. */
  readonly apiThrottleBurstLimit?: number;
  /** Browser origins allowed to call the API (CORS: GET with an Authorization header); none by default. */
  readonly corsOrigins?: readonly string[];
}

/** The read API's props resolved: throttling and origins always have a value; issuer and audience may stay unset. */
export interface ResolvedReadApiProps {
  readonly jwtIssuer: string | undefined;
  readonly jwtAudience: readonly string[] | undefined;
  readonly apiThrottleRateLimit: number;
  readonly apiThrottleBurstLimit: number;
  readonly corsOrigins: readonly string[];
}

/**
 * Defaults: a front end showing users their own limits makes a request or two
 * per page view; 50 requests/s with bursts of 100 is room for that and caps
 * what a leaked token or a runaway client can cost (API Gateway answers 429
 * above it, before the function or the table is touched). No CORS origin: a
 * browser front end must be named explicitly.
 */
export const READ_API_DEFAULTS = {
  apiThrottleRateLimit: 50,
  apiThrottleBurstLimit: 100,
  corsOrigins: [] as readonly string[],
} as const;

/** API Gateway's default account-level quotas per region: the stage cannot usefully allow more. */
const MAX_RATE_LIMIT = 10_000;
const MAX_BURST_LIMIT = 5_000;

const READ_API_KEYS = ['jwtIssuer', 'jwtAudience', 'apiThrottleRateLimit', 'apiThrottleBurstLimit', 'corsOrigins'] as const;

// An origin is scheme, host and optional port, nothing else; plain http only for a local front end.
const ORIGIN = /^(https:\/\/[a-z0-9.-]+|http:\/\/(localhost|127\.0\.0\.1))(:\d{1,5})?$/i;

const validateIssuer = (issuer: string | undefined, audience: readonly string[] | undefined): void => {
  if ((issuer === undefined) !== (audience === undefined)) {
    throw new StackPropsError('jwtIssuer and jwtAudience go together: give both, or neither to let the stack create a Cognito user pool');
  }
  if (issuer !== undefined && !/^https:\/\/\S+$/.test(issuer)) throw new StackPropsError(`jwtIssuer must be an https URL, got "${issuer}"`);
  if (audience !== undefined && (audience.length === 0 || audience.some((entry) => entry.trim() === ''))) {
    throw new StackPropsError('jwtAudience must list at least one non-empty audience');
  }
};

const validateThrottling = (rate: number, burst: number): void => {
  if (!Number.isFinite(rate) || rate <= 0 || rate > MAX_RATE_LIMIT) {
    throw new StackPropsError(
      `apiThrottleRateLimit must be a number of requests per second above 0 and at most ${MAX_RATE_LIMIT}, got ${rate}`,
    );
  }
  if (!Number.isInteger(burst) || burst < 1 || burst > MAX_BURST_LIMIT) {
    throw new StackPropsError(`apiThrottleBurstLimit must be an integer from 1 to ${MAX_BURST_LIMIT}, got ${burst}`);
  }
};

/**
 * Resolves and checks the read API's props. Given while the API is off
 * (`store` is not `dynamodb`), any of them is an error rather than silently
 * ignored: the operator expected an API.
 */
export const validateReadApiProps = (props: ReadApiProps, apiEnabled: boolean): ResolvedReadApiProps => {
  if (!apiEnabled) {
    const given = READ_API_KEYS.filter((key) => props[key] !== undefined);
    if (given.length > 0) throw new StackPropsError(`${given.join(', ')} configure the read API, which only exists with store dynamodb`);
  }
  const resolved: ResolvedReadApiProps = {
    jwtIssuer: props.jwtIssuer,
    jwtAudience: props.jwtAudience,
    apiThrottleRateLimit: props.apiThrottleRateLimit ?? READ_API_DEFAULTS.apiThrottleRateLimit,
    apiThrottleBurstLimit: props.apiThrottleBurstLimit ?? READ_API_DEFAULTS.apiThrottleBurstLimit,
    corsOrigins: props.corsOrigins ?? READ_API_DEFAULTS.corsOrigins,
  };
  validateIssuer(resolved.jwtIssuer, resolved.jwtAudience);
  validateThrottling(resolved.apiThrottleRateLimit, resolved.apiThrottleBurstLimit);
  const badOrigin = resolved.corsOrigins.find((origin) => !ORIGIN.test(origin));
  if (badOrigin !== undefined) {
    throw new StackPropsError(`corsOrigins must be origins like https://app.example.com (no path, no "*"), got "${badOrigin}"`);
  }
  return resolved;
};
