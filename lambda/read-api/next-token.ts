import { createHmac, timingSafeEqual } from 'node:crypto';
import { LIMIT_SORT_KEY_PREFIX, MAX_SORT_KEY_BYTES } from '../store/dynamodb/table-design';

/** The shortest key accepted for signing paging tokens (HMAC-SHA256's block of security). */
export const MIN_NEXT_TOKEN_KEY_BYTES = 32;

/** Separates this use of the key from any other (the key may one day sign something else). */
const PURPOSE = 'user-limits/next-token/v1';
const MAC_BYTES = 32;
/** base64url of the longest sort key, a dot, the MAC: anything longer cannot be ours. */
const MAX_TOKEN_LENGTH = Math.ceil((MAX_SORT_KEY_BYTES * 4) / 3) + 1 + Math.ceil((MAC_BYTES * 4) / 3);
const TOKEN_SHAPE = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/;

/**
 * Issues and checks `nextToken`s: the sort key where the next page starts,
 * bound by an HMAC to the user it was issued for. The token is opaque to
 * callers; a changed byte or another user's token fails the check.
 */
export interface NextTokenCodec {
  /** The token for the page after `sortKey` of `userId`'s partition. */
  issue(userId: string, sortKey: string): string;
  /** The sort key the token carries, or undefined when it was altered or issued for someone else. */
  open(userId: string, token: string): string | undefined;
}

/** A codec signing with `key` (at least {@link MIN_NEXT_TOKEN_KEY_BYTES} bytes). */
export const createNextTokenCodec = (key: Buffer): NextTokenCodec => {
  if (key.length < MIN_NEXT_TOKEN_KEY_BYTES) {
    throw new Error(`the nextToken key must be at least ${MIN_NEXT_TOKEN_KEY_BYTES} bytes, got ${key.length}`);
  }
  const secret = Buffer.from(key);
  // JSON of the pair keeps (userId, sortKey) unambiguous: no other pair has the same text.
  const mac = (userId: string, sortKey: string): Buffer =>
    createHmac('sha256', secret)
      .update(JSON.stringify([PURPOSE, userId, sortKey]))
      .digest();

  return {
    issue: (userId, sortKey) => `${Buffer.from(sortKey, 'utf8').toString('base64url')}.${mac(userId, sortKey).toString('base64url')}`,
    open: (userId, token) => {
      if (token.length > MAX_TOKEN_LENGTH) return undefined;
      const parts = TOKEN_SHAPE.exec(token);
      if (parts === null) return undefined;
      const sortKeyBytes = Buffer.from(parts[1]!, 'base64url');
      const presentedMac = Buffer.from(parts[2]!, 'base64url');
      // One spelling per token: re-encoding must give back exactly what was sent.
      if (sortKeyBytes.toString('base64url') !== parts[1] || presentedMac.toString('base64url') !== parts[2]) return undefined;
      const sortKey = sortKeyBytes.toString('utf8');
      if (!Buffer.from(sortKey, 'utf8').equals(sortKeyBytes)) return undefined;
      if (presentedMac.length !== MAC_BYTES || !timingSafeEqual(presentedMac, mac(userId, sortKey))) return undefined;
      return sortKey.startsWith(LIMIT_SORT_KEY_PREFIX) ? sortKey : undefined;
    },
  };
};
