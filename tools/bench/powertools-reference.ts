import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { parser } from '@aws-lambda-powertools/batch/parser';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, KinesisStreamBatchResponse, KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import type { UserLimitStore } from '../../lambda/store/user-limit-store';
import { applyEnvelope, type Envelope, envelopeSchema } from './powertools-rules';

/** A Powertools reference: a Kinesis batch in, partial batch failures out. */
export type ReferenceHandler = (event: KinesisStreamEvent, context?: Context) => Promise<KinesisStreamBatchResponse>;

/**
 * `powertoolsMs`: the batch processor with its parser integration (Kinesis
 * record schema, base64 transformer, the envelope as zod `innerSchema`). The
 * parser extends the record schema with the inner schema for every record,
 * so this measures that documented path, not the cost of validation as such:
 * see {@link createPowertoolsPlainReference} for the fair comparison.
 * Records are processed one after the other (`processInParallel: false`): in
 * parallel, two events of one user would interleave at the store's awaits
 * and break the per-user order the rules depend on.
 */
export const createPowertoolsReference = (store: UserLimitStore, logger: Logger): ReferenceHandler => {
  const processor = new BatchProcessor(EventType.KinesisDataStreams, {
    parser,
    innerSchema: envelopeSchema,
    transformer: 'base64',
    logger,
  });
  const apply = applyEnvelope(store, logger);
  const recordHandler = ({ kinesis: { data } }: { kinesis: { data: Envelope } }) => apply(data);
  return (event, context) => processPartialResponse(event, recordHandler, processor, { context, processInParallel: false });
};

/**
 * `powertoolsPlainMs`: what a careful Powertools user would write without the
 * parser: a plain `BatchProcessor`, `processInParallel: false`, base64 decode
 * and `JSON.parse` of each record, the envelope checked by the same classic
 * zod schema (built once), then the same rules and store.
 */
export const createPowertoolsPlainReference = (store: UserLimitStore, logger: Logger): ReferenceHandler => {
  const processor = new BatchProcessor(EventType.KinesisDataStreams, { logger });
  const apply = applyEnvelope(store, logger);
  const recordHandler = (record: KinesisStreamRecord) =>
    apply(envelopeSchema.parse(JSON.parse(Buffer.from(record.kinesis.data, 'base64').toString('utf8'))));
  return (event, context) => processPartialResponse(event, recordHandler, processor, { context, processInParallel: false });
};
