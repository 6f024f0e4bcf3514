import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENTS_DIR } from '../../tools/generate-events';
import { buildSampleEvents, serializeSample } from '../../tools/sample-events';

describe('events/', () => {
  it('is exactly what `npm run events` generates', () => {
    const generated = buildSampleEvents();
    expect(
      readdirSync(EVENTS_DIR)
        .filter((name) => name.endsWith('.json'))
        .sort(),
    ).toEqual([...generated.keys()].sort());
    for (const [name, event] of generated) {
      expect(readFileSync(join(EVENTS_DIR, name), 'utf8')).toBe(serializeSample(event));
    }
  });

  it('holds one event per type of the recorded stream, the whole stream, and poison pills', () => {
    expect([...buildSampleEvents().keys()].sort()).toEqual([
      'limit-user-created.json',
      'limit-user-pending-payment-created.json',
      'limit-user-pending-payment-processed.json',
      'poison-pills.json',
      'recorded-stream.json',
      'user-limit-change-source-added.json',
      'user-limit-created.json',
      'user-limit-progress-changed.json',
      'user-limit-reset.json',
    ]);
  });

  it('numbers records like one shard: sequence numbers only go up within a file', () => {
    for (const [name, event] of buildSampleEvents()) {
      const numbers = event.Records.map((record) => BigInt(record.kinesis.sequenceNumber));
      const sorted = [...numbers].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      expect({ name, numbers }).toEqual({ name, numbers: sorted });
      expect(new Set(numbers).size).toBe(numbers.length);
    }
  });
});
