import { getWatermark } from '../support/store-reads';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { wrapDomainEvents } from '../../tools/kinesis-records';
import { RECORDED_STREAM_PATH } from '../../tools/recorded-stream';
import { countOutcomes } from '../../lambda/processor/pipeline/outcome';
import { harness } from './helpers/harness';

const recordedText = readFileSync(RECORDED_STREAM_PATH, 'utf8');
const recordedEvents = JSON.parse(recordedText) as unknown[];

describe('the recorded stream through the handler', () => {
  it('is a byte-exact copy of the shared fixture', () => {
    expect(createHash('sha256').update(readFileSync(RECORDED_STREAM_PATH)).digest('hex')).toBe(
      '6ef028ecd832298a6d20acb374aab9c47ef02e81661dbe536815cb6565a0ccc7',
    );
  });

  it('applies 9, ignores 6, orphans 2, reports no failure, and leaves three DEPOSIT limits reset', async () => {
    const { handler, store, lastOutcomes, lines } = harness();
    const response = await handler({ Records: wrapDomainEvents(recordedEvents) });

    expect(response).toEqual({ batchItemFailures: [] });
    expect(countOutcomes(lastOutcomes())).toEqual({
      records: 17,
      applied: 9,
      duplicates: 0,
      ignored: 6,
      orphaned: 2,
      rejected: 0,
      failed: 0,
    });
    const limits = (await store.allLimits()).sort((a, b) => a.activeFrom - b.activeFrom);
    expect(
      limits.map(({ userLimitId, type, period, value, progress, nextResetTime }) => ({
        userLimitId,
        type,
        period,
        value,
        progress,
        nextResetTime,
      })),
    ).toEqual([
      { userLimitId: 'LKMgxoE0yFgH6F6iShEu', type: 'DEPOSIT', period: 'DAY', value: '10000', progress: '0', nextResetTime: 1650710890592 },
      { userLimitId: '0w2KzcVUkZcb6n2z4DcE', type: 'DEPOSIT', period: 'WEEK', value: '50000', progress: '0', nextResetTime: 1650970090760 },
      {
        userLimitId: 'jIcDgFDxkhM2qRWFrwVn',
        type: 'DEPOSIT',
        period: 'MONTH',
        value: '250000',
        progress: '0',
        nextResetTime: 1653216490824,
      },
    ]);
    expect(await getWatermark(store, 'VijPYTEOgK7dxLs5fBjJ')).toBe(239);

    const summary = lines.filter((line) => line.level === 'INFO');
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatchObject({ message: 'Batch processed', records: 17, applied: 9, ignored: 6, orphaned: 2 });
    expect(lines.filter((line) => line.level === 'WARN').map((line) => line.userLimitId)).toEqual([
      'O6aupKRcI6JnU89kaQkm',
      'avZF6PwKy1BMs2nAhxWb',
    ]);
  });

  it('gives progress 200 before the resets (the stream cut at sequence 12)', async () => {
    const { handler, store } = harness();
    await handler({ Records: wrapDomainEvents(recordedEvents.slice(0, 12)) });
    const limits = (await store.allLimits()).filter((limit) => limit.userId === 'VijPYTEOgK7dxLs5fBjJ');
    expect(limits.map((limit) => limit.progress)).toEqual(['200', '200', '200']);
  });
});
