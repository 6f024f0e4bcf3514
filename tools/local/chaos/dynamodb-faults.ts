import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { SdkHttpResponse } from '../http-layer';
import type { ThrottlingCode } from './fault-plan';

/*
 * Faults exactly as the SDK would meet them on the wire: DynamoDB's JSON
 * protocol errors (status, `__type`, message as DynamoDB sends them), and
 * the Node errors NodeHttpHandler rejects with when a socket times out or
 * is reset. The SDK's standard retry strategy classifies them by these very
 * fields (throttling codes, 5xx status, TimeoutError / ECONNRESET).
 */

const ERROR_TYPES: Record<ThrottlingCode | 'InternalServerError', { namespace: string; status: number; message: string }> = {
  ProvisionedThroughputExceededException: {
    namespace: 'com.amazonaws.dynamodb.v20120810',
    status: 400,
    message:
      'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
  },
  ThrottlingException: {
    namespace: 'com.amazon.coral.availability',
    status: 400,
    message: 'Rate of requests exceeds the allowed throughput.',
  },
  InternalServerError: { namespace: 'com.amazonaws.dynamodb.v20120810', status: 500, message: 'Internal server error' },
};

/** A DynamoDB error response: status, JSON-1.0 content type, request id, `{"__type","message"}` body. */
export const dynamoDbErrorResponse = (code: ThrottlingCode | 'InternalServerError'): SdkHttpResponse => {
  const { namespace, status, message } = ERROR_TYPES[code];
  const body = Buffer.from(JSON.stringify({ __type: `${namespace}#${code}`, message }), 'utf8');
  return {
    statusCode: status,
    reason: status === 500 ? 'Internal Server Error' : 'Bad Request',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'content-length': String(body.length),
      'x-amzn-requestid': randomUUID().replace(/-/g, '').toUpperCase(),
    },
    body: Readable.from([body]),
  };
};

/** NodeHttpHandler's error when a request exceeds its requestTimeout (name TimeoutError, code ETIMEDOUT). */
export const requestTimeoutError = (timeoutMs: number): Error =>
  Object.assign(new Error(`@smithy/node-http-handler - [ERROR] a request has exceeded the configured ${timeoutMs} ms requestTimeout.`), {
    name: 'TimeoutError',
    code: 'ETIMEDOUT',
  });

/** Node's error when the peer resets the connection before the response arrives. */
export const connectionResetError = (): Error => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
