import type { ServerResponse } from 'node:http';

/** An HTTP API response as the server writes it. */
export interface HttpReply {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What an HTTP API makes of a Lambda's result (payload format 2.0): a result
 * with `statusCode` is taken as it is (headers, cookies, a base64 body);
 * anything else is a 200 JSON body.
 */
export const fromLambdaResult = (result: unknown): HttpReply => {
  if (!isObject(result) || typeof result.statusCode !== 'number') {
    const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body) };
  }
  const headers: Record<string, string | string[]> = {};
  if (isObject(result.headers)) for (const [name, value] of Object.entries(result.headers)) headers[name.toLowerCase()] = String(value);
  if (Array.isArray(result.cookies) && result.cookies.length > 0) headers['set-cookie'] = result.cookies.map(String);
  const text = typeof result.body === 'string' ? result.body : '';
  const body = result.isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text);
  return { statusCode: result.statusCode, headers, body };
};

/** Writes a reply, with a content-length. */
export const sendReply = (response: ServerResponse, reply: HttpReply): void => {
  response.writeHead(reply.statusCode, { ...reply.headers, 'content-length': String(reply.body.length) });
  response.end(reply.body);
};

/** A JSON reply such as API Gateway's own `{"message":"Unauthorized"}`. */
export const jsonReply = (statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpReply => ({
  statusCode,
  headers: { 'content-type': 'application/json', ...headers },
  body: Buffer.from(JSON.stringify(body)),
});
