import { getLimit, getWatermark } from '../support/store-reads';
import type { KinesisStreamRecord } from 'aws-lambda';
import { createHandler } from '../../lambda/processor/create-handler';
import type { Outcome } from '../../lambda/processor/pipeline/outcome';
import { RAW_DATA_LOG_LIMIT } from '../../lambda/processor/pipeline/record-log';
import { InMemoryUserLimitStore } from '../../lambda/store/in-memory-store';
import { syntheticSequenceNumber, toKinesisRecord } from '../../tools/kinesis-records';
import { captureLogs } from '../support/log-capture';

/** What a log line may add around the raw data allowance: message, ids (clipped), reason, Lambda context. */
const LOG_LINE_OVERHEAD = 4 * 1024;
const MAX_LOG_LINE = RAW_DATA_LOG_LIMIT + LOG_LINE_OVERHEAD;
const ONE_MIB = 1024 * 1024;

const envelope = (sequenceNumber: number, type: string, payload: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  eventId: `event-${sequenceNumber}`,
  type,
  aggregateId: 'user-1',
  sequenceNumber,
  createdAt: 1_700_000_000_000,
  payload,
  source: 'limitUser',
  context: { correlationId: 'correlation-1' },
  ...extra,
});

const definition = {
  userLimitId: 'limit-1',
  userId: 'user-1',
  brandId: 'brand-1',
  currencyCode: 'SEK',
  type: 'DEPOSIT',
  period: 'DAY',
  status: 'ACTIVE',
  value: '1000',
  activeFrom: 1,
};
const created = (sequenceNumber = 1, payload: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  envelope(sequenceNumber, 'USER_LIMIT_CREATED', { ...definition, ...payload }, extra);
const progress = (sequenceNumber: number, payload: Record<string, unknown> = {}) =>
  envelope(sequenceNumber, 'USER_LIMIT_PROGRESS_CHANGED', { userLimitId: 'limit-1', amount: '5', previousProgress: '0', ...payload });

const bytes = (data: string | Buffer | object): Buffer =>
  Buffer.isBuffer(data) ? data : Buffer.from(typeof data === 'string' ? data : JSON.stringify(data), 'utf8');

/**
 * Delivers `setup` (plain events, expected applied) and then the hostile data
 * in one batch to a fresh handler at DEBUG, so every line it can log is seen.
 */
const deliver = async (hostile: string | Buffer | object, setup: object[] = []) => {
  const logs = captureLogs('DEBUG');
  const store = new InMemoryUserLimitStore();
  let outcomes: readonly Outcome[] = [];
  const handler = createHandler({ store, logger: logs.logger, onOutcomes: (seen) => (outcomes = seen) });
  const records: KinesisStreamRecord[] = [...setup, hostile].map((data, index) =>
    toKinesisRecord(bytes(data), {
      partitionKey: 'user-1',
      sequenceNumber: syntheticSequenceNumber(index),
      approximateArrivalTimestamp: 1_700_000_000,
    }),
  );
  const response = await handler({ Records: records });
  expect(response.batchItemFailures).toEqual([]);
  expect(outcomes.slice(0, setup.length).every((outcome) => outcome === 'applied')).toBe(true);
  for (const line of logs.lines) expect(line.length).toBeLessThanOrEqual(MAX_LOG_LINE);
  const entries = logs.entries();
  const reason = entries.find((entry) => entry.message === 'Record rejected')?.reason as string | undefined;
  return { outcome: outcomes[setup.length], reason, entries, lines: logs.lines, store };
};

const nest = (depth: number, open: string, inner: string, close: string) => `${open.repeat(depth)}${inner}${close.repeat(depth)}`;
const spliceIntoEvent = (event: object, field: string, rawJson: string) => JSON.stringify(event).replace(/}$/, `,"${field}":${rawJson}}`);

afterEach(() => {
  // Nothing hostile may ever reach a prototype.
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('isAdmin');
});

describe('hostile input: records of 1 MiB', () => {
  it('a valid event padded to 1 MiB is applied; the padding is not stored', async () => {
    const { outcome, store } = await deliver(created(1, { padding: 'x'.repeat(ONE_MIB - 400) }));
    expect(outcome).toBe('applied');
    const [limit] = store.snapshot().filter((limit) => limit.userId === 'user-1');
    expect(Object.keys(limit!)).not.toContain('padding');
    expect(JSON.stringify(limit).length).toBeLessThan(1024);
  });

  it('1 MiB of binary noise is rejected, and its ERROR line carries only the first 64 KiB of data', async () => {
    const noise = Buffer.alloc(ONE_MIB, 0xff);
    const { outcome, reason, entries } = await deliver(noise);
    expect(outcome).toBe('rejected');
    expect(reason).toBe('data: not valid UTF-8');
    expect(entries.find((entry) => entry.level === 'ERROR')).toMatchObject({ dataTruncated: true, dataLength: Math.ceil(ONE_MIB / 3) * 4 });
  });

  it('1 MiB of valid JSON that is not an object is rejected', async () => {
    expect((await deliver(JSON.stringify('y'.repeat(ONE_MIB - 10)))).reason).toBe('data: JSON string, expected an object');
  });
});

describe('hostile input: deep nesting (100,000 levels)', () => {
  const DEPTH = 100_000;

  it.each([
    ['arrays as the whole record', nest(DEPTH, '[', '', ']'), 'data: JSON array, expected an object'],
    ['objects as the whole record', nest(DEPTH, '{"a":', '1', '}'), 'envelope.eventId: is required'],
    ['unclosed brackets', '['.repeat(DEPTH), 'data: not JSON'],
  ])('%s → rejected', async (_kind, data, reasonStart) => {
    const { outcome, reason } = await deliver(data);
    expect(outcome).toBe('rejected');
    expect(reason?.startsWith(reasonStart)).toBe(true);
  });

  it.each([
    ['an extra envelope field', (event: ReturnType<typeof created>) => spliceIntoEvent(event, 'extra', nest(DEPTH, '[', '', ']'))],
    [
      'an extra payload field',
      (event: ReturnType<typeof created>) =>
        JSON.stringify(event).replace('"userLimitId"', `"deep":${nest(DEPTH, '{"k":', 'null', '}')},"userLimitId"`),
    ],
    [
      'the context',
      (event: ReturnType<typeof created>) =>
        JSON.stringify({ ...event, context: 'CONTEXT' }).replace('"CONTEXT"', nest(DEPTH, '{"c":', '{}', '}')),
    ],
  ])('a valid event with deep nesting in %s is applied (unknown fields are never walked)', async (_kind, build) => {
    expect((await deliver(build(created()))).outcome).toBe('applied');
  });

  it('a __proto__ key at the bottom of 100,000 levels is data the rules do not read: applied, nothing polluted', async () => {
    const data = JSON.stringify(created()).replace(
      '"userLimitId"',
      `"deep":${nest(DEPTH, '[', '{"__proto__":{"isAdmin":true}}', ']')},"userLimitId"`,
    );
    const { outcome, store } = await deliver(data);
    expect(outcome).toBe('applied');
    expect(Object.keys((await getLimit(store, 'limit-1'))!)).not.toContain('deep');
  });
});

describe('hostile input: 10,000-key objects', () => {
  const manyKeys = Object.fromEntries(Array.from({ length: 10_000 }, (_, index) => [`key${index}`, index]));

  it('in the payload: applied, extra keys dropped', async () => {
    const { outcome, store } = await deliver(created(1, manyKeys));
    expect(outcome).toBe('applied');
    expect(Object.keys((await getLimit(store, 'limit-1'))!).length).toBeLessThan(20);
  });

  it('in the envelope and the context: applied', async () => {
    expect((await deliver(created(1, {}, { ...manyKeys, context: manyKeys }))).outcome).toBe('applied');
  });

  it('as the whole record: rejected for the missing envelope', async () => {
    expect((await deliver(manyKeys)).reason).toBe('envelope.eventId: is required');
  });
});

describe('hostile input: __proto__, constructor and prototype keys', () => {
  const FORBIDDEN = ['__proto__', 'constructor', 'prototype'];
  const PLACES: Array<[string, (key: string) => string]> = [
    ['envelope', (key) => spliceIntoEvent(created(), key, '{"polluted":true}')],
    ['payload', (key) => JSON.stringify(created()).replace('"userLimitId"', `"${key}":{"polluted":true},"userLimitId"`)],
    ['context', (key) => JSON.stringify(created()).replace('"correlationId"', `"${key}":{"polluted":true},"correlationId"`)],
    [
      'an array deep in the payload',
      (key) => JSON.stringify(created()).replace('"userLimitId"', `"list":[1,[2,{"${key}":{"polluted":true}}]],"userLimitId"`),
    ],
    ['an escaped key', (key) => spliceIntoEvent(created(), `\\u00${key.charCodeAt(0).toString(16)}${key.slice(1)}`, '{"polluted":true}')],
  ];
  const cases = FORBIDDEN.flatMap((key) => PLACES.map(([place, build]) => [key, place, build(key)] as const));

  it.each(cases)(
    '%s in the %s: a field the rules do not read → applied, not stored, nothing polluted (DOMAIN.md rule 1)',
    async (key, _place, data) => {
      const { outcome, store, entries } = await deliver(data, [created(0)]);
      expect(outcome).toBe('applied');
      const stored = (await getLimit(store, 'limit-1'))!;
      expect(Object.getPrototypeOf(stored)).toBe(Object.prototype);
      expect(Object.keys(stored).sort()).toEqual([
        'activeFrom',
        'brandId',
        'createdAt',
        'currencyCode',
        'period',
        'progress',
        'status',
        'type',
        'userId',
        'userLimitId',
        'value',
      ]);
      expect(stored).not.toHaveProperty('polluted');
      expect(entries.filter((entry) => entry.level === 'ERROR')).toEqual([]);
      expect(key.length).toBeGreaterThan(0);
    },
  );

  it.each(FORBIDDEN)('%s in the payload of a type that is not ours → ignored; its raw data never reaches the ERROR log', async (key) => {
    const data = JSON.stringify(envelope(1, 'LIMIT_USER_CREATED', { personalNumber: '19121212-1212' })).replace(
      '"personalNumber"',
      `"${key}":{"polluted":true},"personalNumber"`,
    );
    const { outcome, entries } = await deliver(data);
    expect(outcome).toBe('ignored');
    expect(JSON.stringify(entries)).not.toContain('19121212');
    expect(JSON.stringify(entries)).not.toContain(Buffer.from(data).toString('base64').slice(0, 40));
  });

  it('the same words as values and ids are plain data: applied or ignored, never special', async () => {
    const ids = { userLimitId: '__proto__', userId: 'constructor', brandId: 'prototype' };
    const { outcome, store } = await deliver(created(1, { ...ids, currencyCode: '__proto__' }, { aggregateId: 'constructor' }));
    expect(outcome).toBe('applied');
    expect(await getLimit(store, '__proto__', 'constructor')).toMatchObject(ids);
    expect(await getWatermark(store, 'constructor')).toBe(1);
    for (const type of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect((await deliver(envelope(1, type, {}))).outcome).toBe('ignored');
    }
  });
});

describe('hostile input: very long strings in ids', () => {
  const LONG = 'i'.repeat(400_000);

  it.each([
    ['eventId', created(1, {}, { eventId: LONG })],
    ['aggregateId', created(1, { userId: LONG }, { aggregateId: LONG })],
    ['userLimitId', created(1, { userLimitId: LONG })],
    ['correlationId', created(1, {}, { context: { correlationId: LONG } })],
  ])('a %s of 400,000 characters is applied; no log line grows with it', async (_field, event) => {
    const { outcome, lines } = await deliver(event);
    expect(outcome).toBe('applied');
    for (const line of lines) expect(line.length).toBeLessThan(LOG_LINE_OVERHEAD);
  });

  it('an event type of 400,000 characters is ignored with a short log line', async () => {
    const { outcome, lines } = await deliver(envelope(1, LONG, {}));
    expect(outcome).toBe('ignored');
    for (const line of lines) expect(line.length).toBeLessThan(LOG_LINE_OVERHEAD);
  });

  it('a rejected record with long ids logs its raw data within the allowance', async () => {
    const { outcome, lines } = await deliver(created(1, { value: 'not a number' }, { eventId: LONG, aggregateId: LONG }));
    expect(outcome).toBe('rejected');
    expect(lines.some((line) => line.length > RAW_DATA_LOG_LIMIT)).toBe(true);
  });

  it('amounts of 300,000 digits are added exactly; the progress-gap warning stays short', async () => {
    const huge = `${'9'.repeat(300_000)}.5`;
    const { outcome, store, entries, lines } = await deliver(progress(2, { previousProgress: huge, amount: '0.5' }), [created(1)]);
    expect(outcome).toBe('applied');
    expect((await getLimit(store, 'limit-1'))?.progress).toBe(`1${'0'.repeat(300_000)}`);
    expect(entries.some((entry) => String(entry.message).startsWith('Progress gap'))).toBe(true);
    for (const line of lines) expect(line.length).toBeLessThan(LOG_LINE_OVERHEAD);
  });
});

describe('hostile input: control characters and invalid UTF-8', () => {
  const CONTROL = 'a\u0000b\nc\r\u001b[31mred\u2028\u2029\u007f\ufeff';

  it('control characters in ids are applied as data; every log line stays one parseable JSON line', async () => {
    const { outcome, lines, store } = await deliver(
      created(1, { userLimitId: CONTROL, userId: CONTROL }, { eventId: CONTROL, aggregateId: CONTROL }),
    );
    expect(outcome).toBe('applied');
    expect(await getLimit(store, CONTROL, CONTROL)).toBeDefined();
    for (const line of lines) {
      // eslint-disable-next-line no-control-regex -- the point: no raw control character may reach a log line.
      expect(line).not.toMatch(/[\u0000-\u001f]/);
      expect(() => JSON.parse(line) as unknown).not.toThrow();
    }
  });

  it('a lone surrogate (JSON escape) in an id is applied and logged as valid JSON', async () => {
    const data = JSON.stringify(created(1, {}, { eventId: 'LONE' })).replace('LONE', '\\ud800x');
    const { outcome, lines } = await deliver(data);
    expect(outcome).toBe('applied');
    for (const line of lines) expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line);
  });

  it.each([
    ['a broken two-byte sequence', [0xc3, 0x28]],
    ['an overlong encoding of "/"', [0xc0, 0xaf]],
    ['a UTF-8 encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a lone continuation byte', [0x80]],
  ])('%s inside an id → rejected as not UTF-8', async (_kind, sequence) => {
    const [before, after] = JSON.stringify(created(1, {}, { eventId: 'HERE' })).split('HERE');
    const data = Buffer.concat([Buffer.from(before!, 'utf8'), Buffer.from(sequence), Buffer.from(after!, 'utf8')]);
    expect((await deliver(data)).reason).toBe('data: not valid UTF-8');
  });

  it('a byte-order mark before the JSON → rejected as not JSON', async () => {
    expect((await deliver(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes(created())]))).reason).toMatch(/^data: not JSON/);
  });
});

describe('hostile input: numbers', () => {
  it.each([
    ['a sequenceNumber beyond a double (1e400)', '1e400', 'envelope.sequenceNumber'],
    ['a createdAt beyond a double (-1e400)', '-1e400', 'envelope.createdAt'],
  ])('%s → rejected', async (kind, raw, reasonStart) => {
    const field = kind.startsWith('a sequenceNumber') ? 'sequenceNumber' : 'createdAt';
    const data = JSON.stringify(created()).replace(/"(sequenceNumber|createdAt)":[0-9]+/g, (match, name) =>
      name === field ? `"${field}":${raw}` : match,
    );
    expect((await deliver(data)).reason?.startsWith(reasonStart)).toBe(true);
  });
});
