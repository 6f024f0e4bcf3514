import type { DecimalString, LimitPeriod, LimitStatus, LimitType } from './user-limit';

/** The validated envelope every record of the stream carries. */
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
  /** From the envelope's `context.correlationId`, when it is a string. */
  correlationId?: string;
}

/**
 * What identifies an event in logs and orders it: the envelope without its
 * payload. A batch keeps this, not the parsed record, until it commits, so
 * the raw JSON of 10,000 records does not outlive its validation.
 */
export type EventIdentity = Omit<EventEnvelope, 'payload'>;

const NO_PAYLOAD: Record<string, unknown> = Object.freeze({});

/**
 * The envelope as its identity: its payload reference replaced by a shared
 * empty object, so the raw payload can be collected. Mutates and returns the
 * envelope (a copy the validation made, owned by the caller): no allocation
 * per record, which showed in the batch's garbage-collection time.
 */
export const identityOf = (envelope: EventEnvelope): EventIdentity => {
  envelope.payload = NO_PAYLOAD;
  return envelope;
};

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
