import type { DecimalString, LimitPeriod, LimitStatus, LimitType } from './user-limit';

/**
 * The validated envelope every record of the stream carries: the parsed
 * record itself once its fields are checked (unknown fields stay, unread).
 */
export interface EventEnvelope {
  eventId: string;
  type: string;
  /** The user id; also the Kinesis partition key. */
  aggregateId: string;
  /** Per aggregate, strictly increasing, gaps allowed. */
  sequenceNumber: number;
  /** Epoch milliseconds. */
  createdAt: number;
  payload: Record<string, unknown>;
  /** As received, unchecked: only its `correlationId` is read, for log lines. */
  context?: unknown;
}

/**
 * What identifies an event in logs and orders it: the envelope's ids, and
 * the correlation id from its context. A batch keeps this, not the parsed
 * record, until it logs the record, so the raw JSON does not outlive its
 * validation.
 */
export interface EventIdentity {
  eventId: string;
  type: string;
  aggregateId: string;
  sequenceNumber: number;
  createdAt: number;
  /** From the envelope's `context.correlationId`, when it is a string. */
  correlationId?: string;
}

/** Payload of USER_LIMIT_CREATED: the full definition of a limit. */
export interface UserLimitCreatedPayload {
  userLimitId: string;
  userId: string;
  brandId: string;
  currencyCode: string;
  type: LimitType;
  period: LimitPeriod;
  status: LimitStatus;
  value: DecimalString;
  activeFrom: number;
  activeUntil?: number;
  nextResetTime?: number;
}

/** Payload of USER_LIMIT_PROGRESS_CHANGED: progress after = previousProgress + amount. */
export interface UserLimitProgressChangedPayload {
  userLimitId: string;
  amount: DecimalString;
  previousProgress: DecimalString;
  nextResetTime?: number;
}

/** Payload of USER_LIMIT_RESET: progress goes back to zero. */
export interface UserLimitResetPayload {
  userLimitId: string;
  nextResetTime?: number;
}

/** The event types this service handles, with their payloads. Other types are ignored. */
export interface LimitEventPayloads {
  USER_LIMIT_CREATED: UserLimitCreatedPayload;
  USER_LIMIT_PROGRESS_CHANGED: UserLimitProgressChangedPayload;
  USER_LIMIT_RESET: UserLimitResetPayload;
}

export type LimitEventType = keyof LimitEventPayloads;
