import * as z from 'zod/mini';
import { DECIMAL_PATTERN } from '../../domain/decimal';
import type { UserLimitCreatedPayload, UserLimitProgressChangedPayload, UserLimitResetPayload } from '../../domain/events';
import { LIMIT_PERIODS, LIMIT_STATUSES, LIMIT_TYPES } from '../../domain/user-limit';
import { checkedBy, handCheckCreatedPayload, handCheckProgressChangedPayload, handCheckResetPayload } from './hand-checks';
import { compiled, nonEmptyString } from './zod';

const decimalString = z.string().check(z.regex(DECIMAL_PATTERN, 'must be a decimal string of ASCII digits like "200" or "9800.00"'));
const optionalNumber = z.optional(z.number());

/** Unknown payload fields (remainingAmount, jurisdiction, …) are dropped, not refused. */
export const createdSchema: z.ZodMiniType<UserLimitCreatedPayload> = compiled(
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

export const progressChangedSchema: z.ZodMiniType<UserLimitProgressChangedPayload> = compiled(
  z.object({
    userLimitId: nonEmptyString,
    amount: decimalString,
    previousProgress: decimalString,
    nextResetTime: optionalNumber,
  }),
);

export const resetSchema: z.ZodMiniType<UserLimitResetPayload> = compiled(
  z.object({
    userLimitId: nonEmptyString,
    nextResetTime: optionalNumber,
  }),
);

/** Rule 4 of DOMAIN.md, strictly: no coercion of any field. */
export const checkCreatedPayload = checkedBy(handCheckCreatedPayload, createdSchema, 'payload');
export const checkProgressChangedPayload = checkedBy(handCheckProgressChangedPayload, progressChangedSchema, 'payload');
export const checkResetPayload = checkedBy(handCheckResetPayload, resetSchema, 'payload');
