import { randomBytes } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import { MIN_NEXT_TOKEN_KEY_BYTES } from './next-token';

/** The environment variable holding the paging-token key, hex or base64. */
export const NEXT_TOKEN_SECRET_VARIABLE = 'NEXT_TOKEN_SECRET';

/**
 * Reads a key given as hex (an even number of hex digits) or base64 /
 * base64url. Text that is both (64 hex digits are valid base64) counts as hex.
 */
export const parseNextTokenSecret = (text: string): Buffer => {
  const trimmed = text.trim();
  let key: Buffer | undefined;
  if (/^(?:[0-9a-fA-F]{2})+$/.test(trimmed)) key = Buffer.from(trimmed, 'hex');
  // Node's base64 decoder reads both alphabets (+/ and -_).
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) key = Buffer.from(trimmed, 'base64');
  if (key === undefined || key.length < MIN_NEXT_TOKEN_KEY_BYTES) {
    throw new Error(`${NEXT_TOKEN_SECRET_VARIABLE} must be hex or base64 of at least ${MIN_NEXT_TOKEN_KEY_BYTES} bytes`);
  }
  return key;
};

/**
 * The key from {@link NEXT_TOKEN_SECRET_VARIABLE}; when unset, a random key
 * for this container only, with a warning: its tokens stop working after a
 * cold start or on another container (the caller gets 400 and starts over).
 */
export const nextTokenKeyFromEnvironment = (environment: NodeJS.ProcessEnv, logger: Logger): Buffer => {
  const text = environment[NEXT_TOKEN_SECRET_VARIABLE];
  if (text !== undefined && text.trim().length > 0) return parseNextTokenSecret(text);
  logger.warn(
    `${NEXT_TOKEN_SECRET_VARIABLE} is not set: paging tokens are signed with a random per-container key and do not survive a cold start`,
  );
  return randomBytes(MIN_NEXT_TOKEN_KEY_BYTES);
};
