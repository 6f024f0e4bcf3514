import { type KeyLike, SignJWT, generateKeyPair } from 'jose';

/** Who may read any user's limits (DOMAIN.md, "The read API"): support staff. */
export const READ_ANY_SCOPE = 'user-limits/read-any';

/** What the dev identity provider's tokens say and how they are checked. */
export interface DevTokenSettings {
  issuer: string;
  audience: string;
  /** The algorithm the tokens are signed with. */
  algorithm: 'ES256';
  /** Verifies signatures; the private half never leaves the issuer. */
  publicKey: KeyLike;
}

/** A stand-in for the Cognito user pool: signs access tokens for any user id asked for. */
export interface DevTokenIssuer {
  settings: DevTokenSettings;
  /** A signed JWT for `sub`, valid for `lifetimeSeconds` (default one hour). */
  issue(request: { sub: string; scope?: string; lifetimeSeconds?: number }): Promise<string>;
}

const ALGORITHM = 'ES256';
const KEY_ID = 'dev-1';

/**
 * A token issuer with a key pair generated now (nothing on disk: every dev
 * stack start invalidates the tokens of the previous one).
 */
export const createDevTokenIssuer = async (options: { issuer?: string; audience?: string } = {}): Promise<DevTokenIssuer> => {
  const { privateKey, publicKey } = await generateKeyPair(ALGORITHM);
  const settings: DevTokenSettings = {
    issuer: options.issuer ?? 'urn:user-limits:dev-identity',
    audience: options.audience ?? 'user-limits-dev',
    algorithm: ALGORITHM,
    publicKey,
  };
  return {
    settings,
    issue: ({ sub, scope, lifetimeSeconds = 3600 }) => {
      const claims = scope === undefined ? {} : { scope };
      return new SignJWT(claims)
        .setProtectedHeader({ alg: ALGORITHM, kid: KEY_ID, typ: 'JWT' })
        .setSubject(sub)
        .setIssuer(settings.issuer)
        .setAudience(settings.audience)
        .setIssuedAt()
        .setExpirationTime(`${lifetimeSeconds}s`)
        .sign(privateKey);
    },
  };
};
