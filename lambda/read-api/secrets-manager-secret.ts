import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { FetchSecret } from './next-token-key';

/**
 * Gives up on one GetSecretValue call after this long. Without it a hung call
 * would hold the first request until the function's 10 s timeout; with two
 * attempts the worst case stays well inside it.
 */
const CONNECTION_TIMEOUT_MS = 1_000;
const REQUEST_TIMEOUT_MS = 2_000;
const MAX_ATTEMPTS = 2;

/**
 * Reads a secret's SecretString with Powertools' Secrets Manager provider
 * (region, credentials and a local `AWS_ENDPOINT_URL_SECRETS_MANAGER` come from
 * the environment, as for any SDK client). The caller keeps the value
 * (`onceUntilSuccess`); Powertools' own short cache does not matter here.
 */
export const createSecretsManagerFetch = (): FetchSecret => {
  let provider: SecretsProvider | undefined;
  // Made on first use: a local run with NEXT_TOKEN_SECRET never builds the client.
  const secretsProvider = (): SecretsProvider =>
    (provider ??= new SecretsProvider({
      clientConfig: {
        retryMode: 'standard',
        maxAttempts: MAX_ATTEMPTS,
        // Options, not a handler instance: the SDK builds its default HTTP/1.1 handler from them
        // (lambda/store/dynamodb/document-client.ts explains why).
        requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS },
      },
    }));
  return async (secretId) => {
    const value = await secretsProvider().get(secretId, { forceFetch: true });
    if (typeof value !== 'string') throw new Error('the secret has no SecretString (a binary secret is not a key)');
    return value;
  };
};
