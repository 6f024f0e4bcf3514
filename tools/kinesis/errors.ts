import { inspect } from 'node:util';
import { runCli } from '../usage-error';

/**
 * A runtime failure a person can act on (endpoint down, stream not active,
 * throttled for too long): the CLI prints its one-line message and exits 1.
 */
export class KinesisToolError extends Error {
  override name = 'KinesisToolError';
}

const CONNECTION_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'timed out',
};

const codeOf = (error: unknown): string | undefined => {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, name, errors } = error as { code?: unknown; name?: unknown; errors?: unknown };
  if (typeof code === 'string' && code in CONNECTION_CODES) return code;
  if (name === 'TimeoutError') return 'ETIMEDOUT'; // the SDK's connection and request timeouts
  // Node's happy-eyeballs connect reports an AggregateError of per-address failures.
  if (Array.isArray(errors)) return errors.map(codeOf).find((inner) => inner !== undefined);
  // An error from another realm (e.g. under jest) reaches us re-wrapped by the SDK, code only in the text.
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string'
    ? Object.keys(CONNECTION_CODES).find((known) => message.includes(` ${known} `) || message.endsWith(` ${known}`))
    : undefined;
};

/** Name and message of anything thrown; SDK errors may come from another realm, so no instanceof. */
export const errorFields = (error: unknown): { name?: string; message: string } => {
  if (typeof error !== 'object' || error === null) return { message: String(error) };
  const { name, message } = error as { name?: unknown; message?: unknown };
  return {
    name: typeof name === 'string' ? name : undefined,
    message: typeof message === 'string' ? message : inspect(error, { breakLength: Infinity }),
  };
};

const httpStatusOf = (error: unknown): number | undefined =>
  (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;

/**
 * Turns what a person can act on into a one-line {@link KinesisToolError}
 * naming the operation and the endpoint: an endpoint that does not answer,
 * missing credentials, a server that is not Kinesis, a Kinesis error (e.g.
 * ResourceNotFoundException). Anything else is returned as is.
 */
export const explainKinesisFailure = (error: unknown, operation: string, endpoint: string): unknown => {
  const code = codeOf(error);
  if (code !== undefined) {
    return new KinesisToolError(
      `Kinesis endpoint ${endpoint} does not answer (${CONNECTION_CODES[code]}); is it running, and is --endpoint right?`,
    );
  }
  const { name, message } = errorFields(error);
  if (name === 'CredentialsProviderError') {
    return new KinesisToolError(`no AWS credentials for ${endpoint}: set AWS_PROFILE or AWS_ACCESS_KEY_ID, or use a loopback endpoint`);
  }
  const status = httpStatusOf(error);
  if (name === 'Unknown' && status !== undefined) {
    return new KinesisToolError(`${operation} at ${endpoint} got HTTP ${status} without a Kinesis error; is it a Kinesis endpoint?`);
  }
  if (typeof (error as { $fault?: unknown }).$fault === 'string') {
    return new KinesisToolError(`${operation} failed at ${endpoint}: ${name}: ${message.split('\n')[0]}`);
  }
  return error;
};

/**
 * Like runCli, plus: a {@link KinesisToolError} is printed as one line with
 * exit code 1 (runtime), not as a stack trace.
 */
export const runKinesisCli = (main: () => Promise<void>): void =>
  runCli(async () => {
    try {
      await main();
    } catch (error) {
      if (!(error instanceof KinesisToolError)) throw error;
      process.stderr.write(`error: ${error.message}\n`);
      process.exitCode = 1;
    }
  });
