import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { parser } from '@aws-lambda-powertools/batch/parser';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { z } from 'zod';
import { DECIMAL_PATTERN } from '../../lambda/domain/decimal';
import { type ApplyResult, applyCreated, applyProgressChanged, applyReset, isAlreadySeen } from '../../lambda/domain/rules';
import { LIMIT_PERIODS, LIMIT_STATUSES, LIMIT_TYPES } from '../../lambda/domain/user-limit';
import type { UserLimitStore } from '../../lambda/store/user-limit-store';

/*
 * What a Powertools user would write instead of our pipeline: the batch
 * processor with its parser integration (Kinesis record schema, base64
 * transformer, a zod inner schema for the envelope), then per-type zod
 * payload schemas and the same domain rules on the same kind of store.
 * Benchmark reference only: it is not the product and its error handling is
 * Powertools' (every invalid record becomes a batch item failure).
 */

const text = z.string().min(1);
const decimal = z.string().regex(DECIMAL_PATTERN);

const envelopeSchema = z.object({
  eventId: text,
  type: text,
  aggregateId: text,
  sequenceNumber: z.number().int().nonnegative(),
  createdAt: z.number(),
  payload: z.record(z.string(), z.unknown()),
  context: z.object({ correlationId: z.string().optional() }).optional(),
});

type Envelope = z.infer<typeof envelopeSchema>;
type ParsedRecord = { kinesis: { data: Envelope } };

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
 * The Powertools reference handler. Records are processed one after the
 * other (`processInParallel: false`): in parallel, two events of one user
 * would interleave at the store's awaits and break the per-user order the
 * rules depend on.
 */
export const createPowertoolsReference = (store: UserLimitStore, logger: Logger) => {
  const processor = new BatchProcessor(EventType.KinesisDataStreams, {
    parser,
    innerSchema: envelopeSchema,
    transformer: 'base64',
    logger,
  });
  const recordHandler = async ({ kinesis: { data: envelope } }: ParsedRecord): Promise<void> => {
    const rule = Object.hasOwn(rules, envelope.type) ? rules[envelope.type] : undefined;
    if (rule === undefined) return;
    const { userLimitId, apply } = rule(envelope);
    // Per record, as Powertools' record handler works: one load and one commit each.
    const key = { userId: envelope.aggregateId, userLimitId };
    const { watermarks, limits } = await store.load({ userIds: [key.userId], limitKeys: [key] });
    if (isAlreadySeen(watermarks.get(key.userId), envelope.sequenceNumber)) return;
    const result = apply(limits.get(key)?.limit);
    await store.commit({
      limits: result.outcome === 'applied' ? [{ limit: result.limit, lastSequenceNumber: envelope.sequenceNumber }] : [],
      watermarks: new Map([[key.userId, envelope.sequenceNumber]]),
    });
    if (result.outcome === 'orphaned') logger.warn('Record orphaned', { userLimitId, eventId: envelope.eventId });
    else if (result.progressGap) logger.warn('Progress gap', { userLimitId, eventId: envelope.eventId, ...result.progressGap });
  };
  return (event: KinesisStreamEvent, context?: Context): Promise<KinesisStreamBatchResponse> =>
    processPartialResponse(event, recordHandler, processor, { context, processInParallel: false });
};
