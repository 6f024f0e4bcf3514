import { randomBytes } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import { MIN_NEXT_TOKEN_KEY_BYTES } from './next-token';

/** The environment variable holding the paging-token key itself, hex or base64 (local runs, dev). */
export const NEXT_TOKEN_SECRET_VARIABLE = 'NEXT_TOKEN_SECRET';

/**
 * The environment variable holding the ARN of the Secrets Manager secret whose
 * value is the paging-token key (hex or base64); the stack sets this one.
 */
export const NEXT_TOKEN_SECRET_ARN_VARIABLE = 'NEXT_TOKEN_SECRET_ARN';

/** Reads a secret's value (SecretString) by ARN or name. */
export type FetchSecret = (secretId: string) => Promise<string>;

/**
 * The paging-token key, on demand. It resolves to the same Buffer for the
 * life of the container once it has been read; a failed read rejects and the
 * next call tries again.
 */
export type NextTokenKeySource = () => Promise<Buffer>;

/**
 * Reads a key given as hex (an even number of hex digits) or base64 /
 * base64url. Text that is both (64 hex digits are valid base64) counts as hex.
 * `source` names where the text came from, for the error.
 */
export const parseNextTokenSecret = (text: string, source = NEXT_TOKEN_SECRET_VARIABLE): Buffer => {
  const trimmed = text.trim();
  let key: Buffer | undefined;
  if (/^(?:[0-9a-fA-F]{2})+$/.test(trimmed)) key = Buffer.from(trimmed, 'hex');
  // Node's base64 decoder reads both alphabets (+/ and -_).
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) key = Buffer.from(trimmed, 'base64');
  if (key === undefined || key.length < MIN_NEXT_TOKEN_KEY_BYTES) {
    throw new Error(`${source} must be hex or base64 of at least ${MIN_NEXT_TOKEN_KEY_BYTES} bytes`);
  }
  return key;
};

/**
 * `load` once: later calls share its result while it is pending or once it has
 * succeeded. A rejection is handed to the callers waiting for it and then
 * forgotten, so the next call loads again: a failure is never kept.
 */
export const onceUntilSuccess = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let current: Promise<T> | undefined;
  return () => {
    if (current === undefined) {
      const attempt = load();
      current = attempt;
      attempt.catch(() => {
        if (current === attempt) current = undefined;
      });
    }
    return current;
  };
};

const readSecretKey = async (fetchSecret: FetchSecret, secretArn: string): Promise<Buffer> => {
  let text: string;
  try {
    text = await fetchSecret(secretArn);
  } catch (error) {
    throw new Error(`reading the paging-token key from ${secretArn} failed: ${(error as Error).message}`, { cause: error });
  }
  return parseNextTokenSecret(text, `the secret ${NEXT_TOKEN_SECRET_ARN_VARIABLE} names (${secretArn})`);
};

const isSet = (value: string | undefined): value is string => value !== undefined && value.trim().length > 0;

/** Where {@link nextTokenKeySource} looks, and how it reads a secret. */
export interface NextTokenKeySettings {
  environment: NodeJS.ProcessEnv;
  logger: Logger;
  fetchSecret: FetchSecret;
}

/**
 * The paging-token key as the environment says, decided at cold start:
 * - {@link NEXT_TOKEN_SECRET_ARN_VARIABLE} (deployed): the secret is read on
 *   the first request that needs the key, then kept for the container's life;
 *   a failed or unusable read fails that request and is retried by the next;
 * - {@link NEXT_TOKEN_SECRET_VARIABLE} (local runs): the key itself, checked now;
 * - neither: a random key for this container only, with a warning: its tokens
 *   stop working after a cold start or on another container (400, start over).
 * Both set is refused: which one wins would be a guess.
 */
export const nextTokenKeySource = ({ environment, logger, fetchSecret }: NextTokenKeySettings): NextTokenKeySource => {
  const secretArn = environment[NEXT_TOKEN_SECRET_ARN_VARIABLE];
  const secretText = environment[NEXT_TOKEN_SECRET_VARIABLE];
  if (isSet(secretArn) && isSet(secretText)) {
    throw new Error(`set ${NEXT_TOKEN_SECRET_ARN_VARIABLE} or ${NEXT_TOKEN_SECRET_VARIABLE}, not both`);
  }
  if (isSet(secretArn)) return onceUntilSuccess(() => readSecretKey(fetchSecret, secretArn.trim()));
  let key: Buffer;
  if (isSet(secretText)) {
    key = parseNextTokenSecret(secretText);
  } else {
    logger.warn(
      `neither ${NEXT_TOKEN_SECRET_ARN_VARIABLE} nor ${NEXT_TOKEN_SECRET_VARIABLE} is set: paging tokens are signed with a random per-container key and do not survive a cold start`,
    );
    key = randomBytes(MIN_NEXT_TOKEN_KEY_BYTES);
  }
  return fixedNextTokenKey(key);
};

/** A source that always gives `key` (tests, benchmarks). */
export const fixedNextTokenKey = (key: Buffer): NextTokenKeySource => {
  const ready = Promise.resolve(key);
  return () => ready;
};
