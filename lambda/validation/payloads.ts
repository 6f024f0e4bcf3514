import { z } from 'zod';
import { DECIMAL_PATTERN } from '../domain/decimal';
import type {
  UserLimitCreatedPayload,
  UserLimitProgressChangedPayload,
  UserLimitResetPayload,
} from '../domain/events';
import { LIMIT_PERIODS, LIMIT_STATUSES, LIMIT_TYPES } from '../domain/user-limit';
import { describeFirstIssue } from './describe-issue';
import { accept, type Checked, refuse } from './result';

const nonEmptyString = z.string().min(1, 'must be a non-empty string');
const decimalString = z
  .string()
  .regex(DECIMAL_PATTERN, 'must be a decimal string of ASCII digits like "200" or "9800.00"');

/** Unknown payload fields (remainingAmount, jurisdiction, …) are dropped, not refused. */
const createdSchema: z.ZodType<UserLimitCreatedPayload> = z.object({
  userLimitId: nonEmptyString,
  userId: nonEmptyString,
  brandId: nonEmptyString,
  currencyCode: nonEmptyString,
  type: z.enum(LIMIT_TYPES),
  period: z.enum(LIMIT_PERIODS),
  status: z.enum(LIMIT_STATUSES),
  value: decimalString,
  activeFrom: z.number(),
  activeUntil: z.number().optional(),
  nextResetTime: z.number().optional(),
});

const progressChangedSchema: z.ZodType<UserLimitProgressChangedPayload> = z.object({
  userLimitId: nonEmptyString,
  amount: decimalString,
  previousProgress: decimalString,
  nextResetTime: z.number().optional(),
});

const resetSchema: z.ZodType<UserLimitResetPayload> = z.object({
  userLimitId: nonEmptyString,
  nextResetTime: z.number().optional(),
});

const checkerFor =
  <T>(schema: z.ZodType<T>) =>
  (payload: Record<string, unknown>): Checked<T> => {
    const result = schema.safeParse(payload);
    return result.success ? accept(result.data) : refuse(describeFirstIssue('payload', result.error));
  };

/** Rule 4 of DOMAIN.md, strictly: no coercion of any field. */
export const checkCreatedPayload = checkerFor(createdSchema);
export const checkProgressChangedPayload = checkerFor(progressChangedSchema);
export const checkResetPayload = checkerFor(resetSchema);
