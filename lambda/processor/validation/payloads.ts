import * as z from 'zod/mini';
import { DECIMAL_PATTERN } from '../../domain/decimal';
import type { UserLimitCreatedPayload, UserLimitProgressChangedPayload, UserLimitResetPayload } from '../../domain/events';
import { LIMIT_PERIODS, LIMIT_STATUSES, LIMIT_TYPES } from '../../domain/user-limit';
import { describeFirstIssue } from './describe-issue';
import { accept, type Checked, refuse } from './result';
import { compiled, nonEmptyString } from './zod';

const decimalString = z.string().check(z.regex(DECIMAL_PATTERN, 'must be a decimal string of ASCII digits like "200" or "9800.00"'));
const optionalNumber = z.optional(z.number());

/** Unknown payload fields (remainingAmount, jurisdiction, …) are dropped, not refused. */
const createdSchema: z.ZodMiniType<UserLimitCreatedPayload> = compiled(
  z.object({
    userLimitId: nonEmptyString,
    userId: nonEmptyString,
    brandId: nonEmptyString,
    currencyCode: nonEmptyString,
    type: z.enum(LIMIT_TYPES),
    period: z.enum(LIMIT_PERIODS),
    status: z.enum(LIMIT_STATUSES),
    value: decimalString,
    activeFrom: z.number(),
    activeUntil: optionalNumber,
    nextResetTime: optionalNumber,
  }),
);

const progressChangedSchema: z.ZodMiniType<UserLimitProgressChangedPayload> = compiled(
  z.object({
    userLimitId: nonEmptyString,
    amount: decimalString,
    previousProgress: decimalString,
    nextResetTime: optionalNumber,
  }),
);

const resetSchema: z.ZodMiniType<UserLimitResetPayload> = compiled(
  z.object({
    userLimitId: nonEmptyString,
    nextResetTime: optionalNumber,
  }),
);

const checkerFor =
  <T>(schema: z.ZodMiniType<T>) =>
  (payload: Record<string, unknown>): Checked<T> => {
    const result = schema.safeParse(payload);
    return result.success ? accept(result.data) : refuse(describeFirstIssue('payload', result.error));
  };

/** Rule 4 of DOMAIN.md, strictly: no coercion of any field. */
export const checkCreatedPayload = checkerFor(createdSchema);
export const checkProgressChangedPayload = checkerFor(progressChangedSchema);
export const checkResetPayload = checkerFor(resetSchema);
