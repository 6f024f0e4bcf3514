import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { UserLimit } from '../domain/user-limit';

/** On every response: JSON, and personal data that no cache may keep. */
export const RESPONSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Type': 'application/json',
  'Cache-Control': 'no-store',
});

export type ReadApiResponse = APIGatewayProxyStructuredResultV2 & { statusCode: number; body: string };

const json = (statusCode: number, body: unknown): ReadApiResponse => ({
  statusCode,
  headers: { ...RESPONSE_HEADERS },
  body: JSON.stringify(body),
});

/** 200 with one page of limits, and the token for the next page when there may be one. */
export const limitsPage = (userLimits: UserLimit[], nextToken?: string): ReadApiResponse =>
  json(200, nextToken === undefined ? { userLimits } : { userLimits, nextToken });

/** An error response: a fixed or parameter-naming message, never data. */
export const errorResponse = (statusCode: 400 | 401 | 403 | 404 | 500, message: string): ReadApiResponse => json(statusCode, { message });

export const unauthorized = (): ReadApiResponse => errorResponse(401, 'unauthorized');
export const forbidden = (): ReadApiResponse => errorResponse(403, 'forbidden');
export const notFound = (): ReadApiResponse => errorResponse(404, 'not found');
export const internalError = (): ReadApiResponse => errorResponse(500, 'internal error');
export const invalidNextToken = (): ReadApiResponse => errorResponse(400, 'nextToken is invalid');
