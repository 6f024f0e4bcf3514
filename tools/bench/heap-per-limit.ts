import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KinesisStreamEvent } from 'aws-lambda';
import { syntheticSequenceNumber, toKinesisRecord } from '../kinesis-records';
import { startChild } from './child-process';

/** Limits per user in the heap measure: many users, so that watermarks count as they would. */
export const LIMITS_PER_USER = 10;
/** Records per batch fed to the handler (the event source mapping's maximum). */
const BATCH_RECORDS = 10_000;

const userId = (limit: number) => `U${String(Math.floor(limit / LIMITS_PER_USER)).padStart(19, '0')}`;
const userLimitId = (limit: number) => `L${String(limit).padStart(19, '0')}`;

/**
 * The event of limit `limit` at `step` (0: USER_LIMIT_CREATED, 1: one
 * USER_LIMIT_PROGRESS_CHANGED), shaped like the bench workload's events.
 */
const eventOf = (limit: number, step: 0 | 1): object => {
  const user = userId(limit);
  const common = { aggregateId: user, createdAt: 1_647_945_426_109 + limit, eventId: `E${step}${String(limit).padStart(18, '0')}` };
  const sequenceNumber = step * LIMITS_PER_USER + (limit % LIMITS_PER_USER) + 1;
  const base = { brandId: '000000000000000000000001', currencyCode: 'SEK', userId: user, userLimitId: userLimitId(limit) };
  if (step === 0) {
    return {
      ...common,
      context: { correlationId: `C${String(limit).padStart(19, '0')}` },
      payload: {
        ...base,
        activeFrom: 1_647_945_426_109,
        nextResetTime: 1_648_031_826_109,
        period: 'CALENDAR_DAY',
        status: 'ACTIVE',
        type: 'DEPOSIT',
        value: '10000',
      },
      sequenceNumber,
      source: 'limitUser',
      type: 'USER_LIMIT_CREATED',
    };
  }
  const amount = `${(limit % 9000) + 1}.${String(limit % 100).padStart(2, '0')}`;
  return {
    ...common,
    context: {},
    payload: { ...base, amount, nextResetTime: 1_648_031_826_109, previousProgress: '0', remainingAmount: '1.00' },
    sequenceNumber,
    source: 'limitUser',
    type: 'USER_LIMIT_PROGRESS_CHANGED',
  };
};

/**
 * The Kinesis batches that create `count` limits (limit order: each user's
 * events in sequence order), then move each once.
 */
export function* heapBatches(count: number): Generator<KinesisStreamEvent> {
  let index = 0;
  for (const step of [0, 1] as const) {
    for (let first = 0; first < count; first += BATCH_RECORDS) {
      const Records = [];
      for (let limit = first; limit < Math.min(count, first + BATCH_RECORDS); limit += 1) {
        const data = Buffer.from(JSON.stringify(eventOf(limit, step)), 'utf8');
        Records.push(
          toKinesisRecord(data, {
            partitionKey: userId(limit),
            sequenceNumber: syntheticSequenceNumber(index),
            approximateArrivalTimestamp: 1_700_000_000 + index / 1000,
          }),
        );
        index += 1;
      }
      yield { Records };
    }
  }
}

/**
 * Heap per stored limit, through the handler (heap-child.ts, a fresh
 * process): the bundle's used heap after `count` limits were created by
 * events and moved once each, minus before, after full collections, divided
 * by `count`. Watermarks (one per user) and whatever else the handler keeps
 * are included.
 */
export const measureBytesPerLimit = async (bundlePath: string, count: number): Promise<number> => {
  const logDirectory = mkdtempSync(join(tmpdir(), 'bench-heap-'));
  const child = startChild(join(__dirname, 'heap-child.ts'), 'heap', { bundlePath, count }, logDirectory);
  try {
    return await child.request({});
  } finally {
    child.close();
    rmSync(logDirectory, { recursive: true, force: true });
  }
};
