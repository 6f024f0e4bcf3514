import type * as z from 'zod/mini';
import { isDecimalString } from '../../domain/decimal';
import { LIMIT_PERIODS, LIMIT_STATUSES, LIMIT_TYPES } from '../../domain/user-limit';
import { describeFirstIssue } from './describe-issue';
import { type Checked, refuse } from './result';

/*
 * Hand-written checks for the common case, in front of the zod schemas.
 * Measured on the benchmark's 10,000 records, zod's compiled parsers took
 * 4.6 ms for the envelopes and 9.5 ms for the payloads (with routing and
 * the ownership check): together 0.8 of the whole parse-only floor, the
 * largest cost left after decoding. These checks take a small part of that.
 *
 * Each one either says its input is valid as it stands, or leaves the
 * decision to the schema (which then words the reason): a check may be
 * stricter than its schema, never looser. The schemas neither coerce nor
 * transform, so an accepted input is used in place, not copied: a copy of
 * every envelope and payload was 1.3 MB of a 10,000-record batch's
 * allocations. The validation property test checks that whatever a check or
 * its schema accepts, the schema's output equals the input's fields.
 */

/** A check that answers only for input it is sure about: true when it is valid as it stands; false leaves the decision to the schema. */
export type HandCheck = (input: Record<string, unknown>) => boolean;

/** The input itself when its hand check or its schema accepts it, else the schema's reason for refusing it (prefixed by `field`). */
export const checkedBy =
  <T>(handCheck: HandCheck, schema: z.ZodMiniType<T>, field: string) =>
  (input: Record<string, unknown>): Checked<T> => {
    if (handCheck(input)) return input as T;
    const result = schema.safeParse(input);
    return result.success ? (input as T) : refuse(describeFirstIssue(field, result.error));
  };

const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isDecimal = (value: unknown): value is string => typeof value === 'string' && isDecimalString(value);
/** An optional number that is absent or finite (present but undefined, which JSON never gives, is left to the schema). */
const isOptionalNumber = (input: Record<string, unknown>, field: string): boolean => {
  const value = input[field];
  return value === undefined ? !Object.hasOwn(input, field) : Number.isFinite(value);
};
const isMemberOf = <T extends string>(members: readonly T[], value: unknown): value is T => members.includes(value as T);

/** The `EventEnvelope` fields of a valid envelope. */
export const handCheckEnvelope: HandCheck = (data) => {
  const { eventId, type, aggregateId, sequenceNumber, createdAt, payload } = data;
  return (
    isNonEmptyString(eventId) &&
    isNonEmptyString(type) &&
    isNonEmptyString(aggregateId) &&
    Number.isInteger(sequenceNumber) &&
    (sequenceNumber as number) >= 0 &&
    (sequenceNumber as number) <= Number.MAX_SAFE_INTEGER &&
    Number.isFinite(createdAt) &&
    typeof payload === 'object' &&
    payload !== null &&
    !Array.isArray(payload)
  );
};

/** A valid `UserLimitCreatedPayload`. */
export const handCheckCreatedPayload: HandCheck = (payload) => {
  const { userLimitId, userId, brandId, currencyCode, type, period, status, value, activeFrom } = payload;
  return (
    isNonEmptyString(userLimitId) &&
    isNonEmptyString(userId) &&
    isNonEmptyString(brandId) &&
    isNonEmptyString(currencyCode) &&
    isMemberOf(LIMIT_TYPES, type) &&
    isMemberOf(LIMIT_PERIODS, period) &&
    isMemberOf(LIMIT_STATUSES, status) &&
    isDecimal(value) &&
    Number.isFinite(activeFrom) &&
    isOptionalNumber(payload, 'activeUntil') &&
    isOptionalNumber(payload, 'nextResetTime')
  );
};

/** A valid `UserLimitProgressChangedPayload`. */
export const handCheckProgressChangedPayload: HandCheck = (payload) =>
  isNonEmptyString(payload.userLimitId) &&
  isDecimal(payload.amount) &&
  isDecimal(payload.previousProgress) &&
  isOptionalNumber(payload, 'nextResetTime');

/** A valid `UserLimitResetPayload`. */
export const handCheckResetPayload: HandCheck = (payload) =>
  isNonEmptyString(payload.userLimitId) && isOptionalNumber(payload, 'nextResetTime');
