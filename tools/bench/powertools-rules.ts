import type { Logger } from '@aws-lambda-powertools/logger';
import { z } from 'zod';
import { DECIMAL_PATTERN } from '../../lambda/domain/decimal';
import { type ApplyResult, applyCreated, applyProgressChanged, applyReset, isAlreadySeen } from '../../lambda/domain/rules';
import { LIMIT_PERIODS, LIMIT_STATUSES, LIMIT_TYPES } from '../../lambda/domain/user-limit';
import type { UserLimitStore } from '../../lambda/store/user-limit-store';

/*
 * What both Powertools references share: classic zod schemas, built once at
 * module load, and the record handler a Powertools user would write around
 * our domain rules and store. Benchmark reference only: not the product, and
 * its error handling is Powertools' (every invalid record becomes a batch
 * item failure).
 */

const text = z.string().min(1);
const decimal = z.string().regex(DECIMAL_PATTERN);

/** The event envelope (DOMAIN.md), for JSON.parse output or the parser's `innerSchema`. */
export const envelopeSchema = z.object({
  eventId: text,
  type: text,
  aggregateId: text,
  sequenceNumber: z.number().int().nonnegative(),
  createdAt: z.number(),
  payload: z.record(z.string(), z.unknown()),
  context: z.object({ correlationId: z.string().optional() }).optional(),
});

/** A validated envelope. */
export type Envelope = z.infer<typeof envelopeSchema>;

const createdPayload = z.object({
  userLimitId: text,
  userId: text,
  brandId: text,
  currencyCode: text,
  type: z.enum(LIMIT_TYPES),
  period: z.enum(LIMIT_PERIODS),
  status: z.enum(LIMIT_STATUSES),
  value: decimal,
  activeFrom: z.number(),
  activeUntil: z.number().optional(),
  nextResetTime: z.number().optional(),
});
const progressPayload = z.object({
  userLimitId: text,
  amount: decimal,
  previousProgress: decimal,
  nextResetTime: z.number().optional(),
});
const resetPayload = z.object({ userLimitId: text, nextResetTime: z.number().optional() });

type Rule = (envelope: Envelope) => { userLimitId: string; apply: (current: Parameters<typeof applyReset>[0]) => ApplyResult };

const rules: Record<string, Rule> = {
  USER_LIMIT_CREATED: (envelope) => {
    const payload = createdPayload.parse(envelope.payload);
    return { userLimitId: payload.userLimitId, apply: (current) => applyCreated(current, payload, envelope) };
  },
  USER_LIMIT_PROGRESS_CHANGED: (envelope) => {
    const payload = progressPayload.parse(envelope.payload);
    return { userLimitId: payload.userLimitId, apply: (current) => applyProgressChanged(current, payload) };
  },
  USER_LIMIT_RESET: (envelope) => {
    const payload = resetPayload.parse(envelope.payload);
    return { userLimitId: payload.userLimitId, apply: (current) => applyReset(current, payload) };
  },
};

/**
 * The record handler of both references: the payload schema of the event's
 * type, then the domain rules on `store`, one load and one commit per record
 * (as a Powertools record handler works: it sees one record at a time).
 */
export const applyEnvelope =
  (store: UserLimitStore, logger: Logger) =>
  async (envelope: Envelope): Promise<void> => {
    const rule = Object.hasOwn(rules, envelope.type) ? rules[envelope.type] : undefined;
    if (rule === undefined) return;
    const { userLimitId, apply } = rule(envelope);
    const key = { userId: envelope.aggregateId, userLimitId };
    const { watermarks, limits } = await store.load({ userIds: [key.userId], limitKeys: [key] });
    if (isAlreadySeen(watermarks[0], envelope.sequenceNumber)) return;
    const result = apply(limits[0]?.limit);
    await store.commit({
      limits: result.outcome === 'applied' ? [{ limit: result.limit, lastSequenceNumber: envelope.sequenceNumber }] : [],
      watermarks: new Map([[key.userId, envelope.sequenceNumber]]),
    });
    if (result.outcome === 'orphaned') logger.warn('Record orphaned', { userLimitId, eventId: envelope.eventId });
    else if (result.progressGap) logger.warn('Progress gap', { userLimitId, eventId: envelope.eventId, ...result.progressGap });
  };
