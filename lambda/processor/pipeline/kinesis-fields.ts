/** The fields of a Lambda Kinesis record the pipeline reads, when they have the right type. */
export interface KinesisFields {
  data?: string;
  sequenceNumber?: string;
  partitionKey?: string;
}

const stringOrUndefined = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * Reads `record.kinesis.{data,sequenceNumber,partitionKey}` from anything:
 * an event Lambda never sends (a null record, a number, a getter that throws)
 * must settle as a rejected record, not crash the batch.
 */
export const kinesisFieldsOf = (record: unknown): KinesisFields => {
  try {
    const kinesis = (record as { kinesis?: unknown } | null | undefined)?.kinesis;
    if (typeof kinesis !== 'object' || kinesis === null) return {};
    const fields = kinesis as Record<string, unknown>;
    return {
      data: stringOrUndefined(fields.data),
      sequenceNumber: stringOrUndefined(fields.sequenceNumber),
      partitionKey: stringOrUndefined(fields.partitionKey),
    };
  } catch {
    return {};
  }
};

/**
 * `record.kinesis.data` when it is a string: {@link kinesisFieldsOf} for the
 * one field read for every record, without building an object per record.
 */
export const kinesisDataOf = (record: unknown): string | undefined => {
  try {
    const kinesis = (record as { kinesis?: unknown } | null | undefined)?.kinesis;
    if (typeof kinesis !== 'object' || kinesis === null) return undefined;
    return stringOrUndefined((kinesis as { data?: unknown }).data);
  } catch {
    return undefined;
  }
};
