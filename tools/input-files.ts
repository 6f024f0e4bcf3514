import { readFileSync } from 'node:fs';
import type { KinesisStreamRecord } from 'aws-lambda';
import { jsonArrayElementRanges } from './json-array-elements';
import { wrapDomainEvents } from './kinesis-records';
import { UsageError } from './usage-error';

/** What one input file holds: records to deliver in batches, or a Lambda event delivered as is. */
export type Input = { kind: 'domain-events'; records: KinesisStreamRecord[] } | { kind: 'kinesis-event'; records: KinesisStreamRecord[] };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const KINESIS_RECORD_SHAPE = '{"kinesis": {"data", "sequenceNumber", "partitionKey"}}';

/**
 * What keeps `value` from having the shape of a Lambda Kinesis event, in a
 * few words (e.g. `no "Records" list`), or undefined when it has that shape.
 */
export const kinesisEventShapeProblem = (value: unknown): string | undefined => {
  if (!isObject(value)) return `not a JSON object but ${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`}`;
  if (!Array.isArray(value.Records)) return `no "Records" list`;
  const bad = value.Records.findIndex(
    (record) =>
      !isObject(record) ||
      !isObject(record.kinesis) ||
      typeof record.kinesis.data !== 'string' ||
      typeof record.kinesis.sequenceNumber !== 'string' ||
      typeof record.kinesis.partitionKey !== 'string',
  );
  return bad < 0 ? undefined : `Records[${bad}] is not a Kinesis record ${KINESIS_RECORD_SHAPE}`;
};

/** Whether `value` has the shape of a Lambda Kinesis event. */
export const isKinesisEvent = (value: unknown): value is { Records: KinesisStreamRecord[] } =>
  kinesisEventShapeProblem(value) === undefined;

/** JSON.parse of `text`, or a one-line UsageError `WHERE: not valid JSON (…)` (V8 quotes the text, newlines included). */
export const parseJsonOrRefuse = (text: string, where: string): unknown => {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${where}: not valid JSON (${(error as Error).message.replace(/\r?\n/g, '\\n')})`);
  }
};

const parseJson = (bytes: Uint8Array, where: string): unknown => parseJsonOrRefuse(Buffer.from(bytes).toString('utf8'), where);

const isJsonWhitespace = (byte: number | undefined): boolean => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

/** `bytes` without JSON whitespace at either end (and without a UTF-8 byte order mark at the start). */
const trimBytes = (bytes: Buffer): Buffer => {
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let end = bytes.length;
  while (start < end && isJsonWhitespace(bytes[start])) start += 1;
  while (end > start && isJsonWhitespace(bytes[end - 1])) end -= 1;
  return bytes.subarray(start, end);
};

/** Each top-level element's own bytes, as the producer wrote them (never re-serialized). */
const readJsonArray = (bytes: Buffer, path: string, firstIndex: number): Input => {
  const events = parseJson(bytes, path) as unknown[]; // validates the whole file, with the error's position
  const rawData = jsonArrayElementRanges(bytes).map(({ start, end }) => bytes.subarray(start, end));
  if (rawData.length !== events.length) throw new Error(`${path}: split ${rawData.length} elements, JSON.parse found ${events.length}`);
  return { kind: 'domain-events', records: wrapDomainEvents(events, { firstIndex, rawData }) };
};

/** Non-empty lines, each trimmed, with their exact bytes and 1-based line numbers. */
const readJsonLines = (bytes: Buffer, path: string, firstIndex: number): Input => {
  const lines: Array<{ data: Buffer; number: number }> = [];
  for (let start = 0, number = 1; start <= bytes.length; number += 1) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline < 0 ? bytes.length : newline;
    const data = trimBytes(bytes.subarray(start, end));
    if (data.length > 0) lines.push({ data, number });
    start = end + 1;
  }
  const events = lines.map(({ data, number }) => parseJson(data, `${path}:${number}`));
  return { kind: 'domain-events', records: wrapDomainEvents(events, { firstIndex, rawData: lines.map(({ data }) => data) }) };
};

/**
 * Reads FILE as a JSON array of domain events, a Lambda Kinesis event, one
 * domain event, or JSON Lines of domain events. Domain events become one
 * shard's records numbered from `firstIndex`, each with its exact bytes from
 * the file, so a record's outcome never depends on the file's format.
 */
export const readInputFile = (path: string, firstIndex: number): Input => {
  let file: Buffer;
  try {
    file = readFileSync(path);
  } catch (error) {
    throw new UsageError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const bytes = trimBytes(file);
  if (bytes.length === 0) throw new UsageError(`${path}: empty file`);
  if (bytes[0] === 0x5b) return readJsonArray(bytes, path, firstIndex); // [
  if (bytes[0] !== 0x7b) {
    throw new UsageError(`${path}: expected a JSON array of events, JSON Lines of events, or a Lambda Kinesis event`);
  }
  let whole: unknown;
  try {
    whole = JSON.parse(bytes.toString('utf8'));
  } catch {
    return readJsonLines(file, path, firstIndex); // not one document
  }
  if (isKinesisEvent(whole)) return { kind: 'kinesis-event', records: whole.Records };
  if (isObject(whole) && 'Records' in whole) throw new UsageError(`${path}: "Records" is not a list of Kinesis records`);
  return { kind: 'domain-events', records: wrapDomainEvents([whole], { firstIndex, rawData: [bytes] }) };
};
