import type { UserLimit } from '../../lambda/domain/user-limit';
import { InMemoryUserLimitStore } from '../../lambda/store/in-memory-store';

/** Keeps the measured store reachable through the last collection. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- written, never read: being reachable is its whole job.
let retained: unknown;

const collectGarbage = (): void => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('bytesPerLimit needs node --expose-gc (npm run bench passes it)');
  gc();
  gc();
};

/**
 * A limit as the handler stores it: every string a separate heap string, as
 * JSON.parse of a record gives, not a literal shared by all.
 */
const limitNumber = (index: number): UserLimit =>
  JSON.parse(
    JSON.stringify({
      userLimitId: `L${String(index).padStart(19, '0')}`,
      userId: `U${String(index >> 1).padStart(19, '0')}`,
      brandId: '000000000000000000000001',
      type: 'DEPOSIT',
      period: 'CALENDAR_DAY',
      status: 'ACTIVE',
      value: '10000',
      progress: `${index % 9000}.${String(index % 100).padStart(2, '0')}`,
      currencyCode: 'SEK',
      activeFrom: 1_647_945_426_109 + index,
      nextResetTime: 1_648_031_826_109 + index,
      createdAt: 1_647_945_426_109 + index,
    }),
  ) as UserLimit;

/**
 * Heap growth per stored limit: used heap after putting `count` distinct
 * limits (two per user, as the workload averages) into a new store, minus
 * before, after full garbage collections, divided by `count`.
 */
export const measureBytesPerLimit = async (count: number): Promise<number> => {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const store = new InMemoryUserLimitStore();
  for (let index = 0; index < count; index += 1) {
    await store.commit({ limits: [{ limit: limitNumber(index), lastSequenceNumber: 1 }], watermarks: new Map() });
  }
  retained = store;
  collectGarbage();
  const after = process.memoryUsage().heapUsed;
  retained = undefined;
  return (after - before) / count;
};
