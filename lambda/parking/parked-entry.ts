import { createHash } from 'node:crypto';

/** The two outcomes whose records are parked (DOMAIN.md rule 10). */
export type ParkedOutcome = 'rejected' | 'orphaned';

/**
 * One parked user record: why it was not applied, where it sits in the
 * stream, and its exact bytes. Written as one JSON object (one line of a
 * JSON Lines file or object). Field names are DOMAIN.md rule 10's.
 */
export interface ParkedEntry {
  outcome: ParkedOutcome;
  /** The rejection reason; for an orphan, which limit was unknown. */
  reason: string;
  /** The Kinesis record's partition key. */
  partitionKey: string;
  /** The Kinesis record's sequence number, as the string Kinesis gave. */
  sequenceNumber: string;
  /** KPL only: the user record's index inside its aggregated record (rule 12). */
  subSequenceNumber?: number;
  /** From the Lambda record's `eventID` (`shardId-…:<seq>`), when it has one. */
  shardId?: string;
  eventSourceARN?: string;
  /** As Kinesis gave it: seconds since the epoch, with milliseconds. */
  approximateArrivalTimestamp: number;
  /** Base64 of the user record's exact bytes, whatever they are. */
  data: string;
  /** From the envelope, when it could be read: for finding the event. */
  eventId?: string;
  type?: string;
  aggregateId?: string;
  eventSequenceNumber?: number;
  /** Epoch milliseconds. */
  parkedAt: number;
}

/** The part of an entry that says where its record sits in the stream: its identity. */
export type EntryPosition = Pick<ParkedEntry, 'shardId' | 'sequenceNumber' | 'subSequenceNumber'>;

/** A shard id or sequence number that can name a file or an S3 key as it is. */
const PLAIN_PART = /^[A-Za-z0-9._-]{1,128}$/;

/** Stands for an unknown shard in an entry id (never a real shard id: those start with `shardId-`). */
export const UNKNOWN_SHARD = 'unknown-shard';

/**
 * The entry's identity as a relative path, `<shardId>/<sequenceNumber>` plus
 * `-<subSequenceNumber>` for a KPL user record: deterministic, so parking a
 * redelivered record again overwrites its own entry instead of adding one
 * (rule 10). Kinesis ids always take this readable form; any other shard id
 * or sequence number (they come from the event, and a hostile or broken one
 * could hold `/`, `..` or megabytes) is replaced by a SHA-256 under
 * `hashed/`, so an id is always a safe, short file name or S3 key.
 */
export const entryIdOf = (position: EntryPosition): string => {
  const shard = position.shardId ?? UNKNOWN_SHARD;
  const sub = position.subSequenceNumber === undefined ? '' : `-${position.subSequenceNumber}`;
  if (PLAIN_PART.test(shard) && PLAIN_PART.test(position.sequenceNumber) && !shard.startsWith('.')) {
    return `${shard}/${position.sequenceNumber}${sub}`;
  }
  const digest = createHash('sha256')
    .update(JSON.stringify([shard, position.sequenceNumber]))
    .digest('hex');
  return `hashed/${digest}${sub}`;
};

/** File and object names of parked entries end with this: each holds JSON Lines. */
export const ENTRY_FILE_SUFFIX = '.jsonl';

/** An entry as a JSON Lines document: one line, newline-terminated. */
export const serializeEntry = (entry: ParkedEntry): string => `${JSON.stringify(entry)}\n`;
