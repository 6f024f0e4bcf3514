import type { KinesisStreamEvent } from 'aws-lambda';
import { LIMIT_PERIODS, LIMIT_TYPES } from '../../lambda/domain/user-limit';
import { syntheticSequenceNumber, toKinesisRecord } from '../kinesis-records';
import {
  createdPayload,
  DAY_MS,
  EPOCH,
  type GeneratedLimit,
  progressPayload,
  randomFrom,
  resetPayload,
  UNRELATED_TYPES,
} from '../workload';

/** The share of each event kind the issue asks for (10 % created, 70 % progress, 10 % reset, 10 % other). */
export const BENCH_MIX = { created: 0.1, progress: 0.7, reset: 0.1, unrelated: 0.1 };

/** A stream's past and the batch that follows it on the same shard. */
export interface BenchWorkload {
  /** Every user's limits created, and one progress event each: what the store holds before the batch. */
  history: KinesisStreamEvent;
  /** Exactly {@link BENCH_MIX}, no duplicates, no orphans, sequence numbers above the history's. */
  batch: KinesisStreamEvent;
}

export interface BenchWorkloadOptions {
  /** Records in the batch, >= 10. */
  records: number;
  /** Users, each with 1–3 limits in the history. */
  users: number;
  seed?: number;
}

type Kind = keyof typeof BENCH_MIX;

type Limit = GeneratedLimit;

interface User {
  userId: string;
  sequence: number;
  limits: Limit[];
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const VALUES = [1000, 5000, 10000, 50000, 250000];

/** Exactly `round(share × records)` of each kind but progress, which takes the rest; in random order. */
const shuffledKinds = (records: number, random: () => number): Kind[] => {
  const count = (share: number) => Math.round(share * records);
  const kinds: Kind[] = [
    ...Array<Kind>(count(BENCH_MIX.created)).fill('created'),
    ...Array<Kind>(count(BENCH_MIX.reset)).fill('reset'),
    ...Array<Kind>(count(BENCH_MIX.unrelated)).fill('unrelated'),
  ];
  kinds.push(...Array<Kind>(records - kinds.length).fill('progress'));
  for (let index = kinds.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [kinds[index], kinds[other]] = [kinds[other]!, kinds[index]!];
  }
  return kinds;
};

/**
 * The benchmark's stream, seeded: a history that creates every user's limits
 * (and moves each once), then a batch of exactly the stated mix on those
 * users. Unlike tools/workload.ts, which turns an event for a limit not yet
 * created into a creation, the batch's progress and reset events all meet a
 * stored limit and its creations add new limits, so the mix is the one
 * stated at any batch size. The history depends only on `users` and `seed`,
 * so batches of different sizes follow the same history.
 */
export const benchWorkload = (options: BenchWorkloadOptions): BenchWorkload => {
  const random = randomFrom(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const id = () => Array.from({ length: 20 }, () => ALPHABET[Math.floor(random() * ALPHABET.length)]).join('');
  const newLimit = (): Limit => ({ userLimitId: id(), value: pick(VALUES), progressCents: 0 });
  const users: User[] = Array.from({ length: options.users }, () => ({
    userId: id(),
    sequence: 0,
    limits: Array.from({ length: 1 + Math.floor(random() * 3) }, newLimit),
  }));
  const data: Buffer[] = [];
  const partitionKeys: string[] = [];
  const emit = (user: User, type: string, payload: Record<string, unknown>, correlated: boolean) => {
    user.sequence += 1 + (random() < 0.02 ? Math.floor(random() * 200) : 0);
    const event = {
      aggregateId: user.userId,
      context: correlated ? { correlationId: id() } : {},
      createdAt: EPOCH + data.length * 61,
      eventId: id(),
      payload: { brandId: '000000000000000000000001', currencyCode: 'SEK', userId: user.userId, ...payload },
      sequenceNumber: user.sequence,
      source: 'limitUser',
      type,
    };
    data.push(Buffer.from(JSON.stringify(event), 'utf8'));
    partitionKeys.push(user.userId);
  };
  const nextResetTime = () => EPOCH + data.length * 61 + DAY_MS;
  const created = (user: User, limit: Limit) =>
    emit(
      user,
      'USER_LIMIT_CREATED',
      createdPayload(limit, {
        activeFrom: EPOCH + data.length * 61,
        nextResetTime: nextResetTime(),
        period: pick(LIMIT_PERIODS),
        type: pick(LIMIT_TYPES),
      }),
      true,
    );
  const progress = (user: User, limit: Limit) =>
    emit(user, 'USER_LIMIT_PROGRESS_CHANGED', progressPayload(limit, 1 + Math.floor(random() * 50_000), nextResetTime()), false);
  const reset = (user: User, limit: Limit) =>
    emit(user, 'USER_LIMIT_RESET', resetPayload(limit, nextResetTime(), pick(LIMIT_PERIODS)), false);

  // History: each user's own events in order (create, then move, each limit), users interleaved at random.
  const pending = users.map((user) => ({
    user,
    steps: [...user.limits.map((limit) => () => created(user, limit)), ...user.limits.map((limit) => () => progress(user, limit))],
  }));
  while (pending.length > 0) {
    const at = Math.floor(random() * pending.length);
    pending[at]!.steps.shift()!();
    if (pending[at]!.steps.length === 0) pending.splice(at, 1);
  }
  const historyLength = data.length;

  for (const kind of shuffledKinds(options.records, random)) {
    const user = pick(users);
    if (kind === 'created') {
      const limit = newLimit();
      user.limits.push(limit);
      created(user, limit);
    } else if (kind === 'progress') progress(user, pick(user.limits));
    else if (kind === 'reset') reset(user, pick(user.limits));
    else emit(user, pick(UNRELATED_TYPES), { sourceId: user.userId, amount: '200' }, false);
  }

  const records = data.map((bytes, index) =>
    toKinesisRecord(bytes, {
      partitionKey: partitionKeys[index]!,
      sequenceNumber: syntheticSequenceNumber(index),
      approximateArrivalTimestamp: 1_700_000_000 + index / 1000,
    }),
  );
  return { history: { Records: records.slice(0, historyLength) }, batch: { Records: records.slice(historyLength) } };
};
