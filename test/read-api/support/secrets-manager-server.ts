import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the local Secrets Manager received it. */
export interface SecretsManagerCall {
  target: string | undefined;
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
}

/** What the server answers; the test may change it between requests. */
export type SecretsManagerAnswer = { secretString: string } | { status: number; errorType: string; message: string };

export interface LocalSecretsManager {
  /** `http://127.0.0.1:<port>`, for `AWS_ENDPOINT_URL_SECRETS_MANAGER`. */
  endpoint: string;
  calls: SecretsManagerCall[];
  answer: SecretsManagerAnswer;
  stop(): Promise<void>;
}

/**
 * A tiny Secrets Manager on 127.0.0.1 (free port): answers GetSecretValue
 * (AWS JSON 1.1, `X-Amz-Target: secretsmanager.GetSecretValue`) with `answer`,
 * anything else with 400 UnknownOperationException. Enough for the real SDK
 * client to be exercised end to end without AWS.
 */
export const startLocalSecretsManager = async (secretArn: string, answer: SecretsManagerAnswer): Promise<LocalSecretsManager> => {
  const calls: SecretsManagerCall[] = [];
  const state = { answer };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const target = request.headers['x-amz-target'] as string | undefined;
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      calls.push({ target, body, headers: request.headers });
      const reply = (status: number, payload: unknown): void => {
        response.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify(payload));
      };
      const current = state.answer;
      if (target !== 'secretsmanager.GetSecretValue') reply(400, { __type: 'UnknownOperationException', message: `no ${target}` });
      else if (body.SecretId !== secretArn)
        reply(400, { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." });
      else if ('secretString' in current) {
        reply(200, {
          ARN: secretArn,
          Name: 'NextTokenKey',
          SecretString: current.secretString,
          VersionId: 'v1',
          VersionStages: ['AWSCURRENT'],
          CreatedDate: 1764132000,
        });
      } else reply(current.status, { __type: current.errorType, message: current.message });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    get answer() {
      return state.answer;
    },
    set answer(next) {
      state.answer = next;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
};
