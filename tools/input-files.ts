import { readFileSync } from 'node:fs';
import type { KinesisStreamRecord } from 'aws-lambda';
import { wrapDomainEvents } from './kinesis-records';
import { UsageError } from './usage-error';

/** What one input file holds: records to deliver in batches, or a Lambda event delivered as is. */
export type Input = { kind: 'domain-events'; records: KinesisStreamRecord[] } | { kind: 'kinesis-event'; records: KinesisStreamRecord[] };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether `value` has the shape of a Lambda Kinesis event. */
export const isKinesisEvent = (value: unknown): value is { Records: KinesisStreamRecord[] } =>
  isObject(value) &&
  Array.isArray(value.Records) &&
  value.Records.every(
    (record) =>
      isObject(record) &&
      isObject(record.kinesis) &&
      typeof record.kinesis.data === 'string' &&
      typeof record.kinesis.sequenceNumber === 'string' &&
      typeof record.kinesis.partitionKey === 'string',
  );

const parseJson = (text: string, where: string): unknown => {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${where}: not valid JSON (${(error as Error).message})`);
  }
};

/**
 * Reads FILE as a JSON array of domain events, a Lambda Kinesis event, or JSON
 * Lines of domain events. Domain events become one shard's records numbered
 * from `firstIndex`, keeping each line's exact bytes.
 */
export const readInputFile = (path: string, firstIndex: number): Input => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const trimmed = text.trim();
  if (trimmed.length === 0) throw new UsageError(`${path}: empty file`);
  if (trimmed.startsWith('[')) {
    const events = parseJson(trimmed, path);
    return { kind: 'domain-events', records: wrapDomainEvents(events as unknown[], { firstIndex }) };
  }
  if (!trimmed.startsWith('{')) {
    throw new UsageError(`${path}: expected a JSON array of events, JSON Lines of events, or a Lambda Kinesis event`);
  }
  let whole: unknown;
  try {
    whole = JSON.parse(trimmed);
  } catch {
    whole = undefined; // not one document: JSON Lines
  }
  if (isKinesisEvent(whole)) return { kind: 'kinesis-event', records: whole.Records };
  if (isObject(whole) && 'Records' in whole) throw new UsageError(`${path}: "Records" is not a list of Kinesis records`);
  if (whole !== undefined) {
    return { kind: 'domain-events', records: wrapDomainEvents([whole], { firstIndex, rawData: [Buffer.from(trimmed, 'utf8')] }) };
  }
  const nonEmpty = text
    .split('\n')
    .map((line, number) => ({ line: line.trim(), number: number + 1 }))
    .filter(({ line }) => line.length > 0);
  const events = nonEmpty.map(({ line, number }) => parseJson(line, `${path}:${number}`));
  return {
    kind: 'domain-events',
    records: wrapDomainEvents(events, { firstIndex, rawData: nonEmpty.map(({ line }) => Buffer.from(line, 'utf8')) }),
  };
};
