import fc from 'fast-check';
import type * as z from 'zod/mini';
import { envelopeSchema } from '../../lambda/processor/validation/envelope';
import {
  type HandCheck,
  handCheckCreatedPayload,
  handCheckEnvelope,
  handCheckProgressChangedPayload,
  handCheckResetPayload,
} from '../../lambda/processor/validation/hand-checks';
import { createdSchema, progressChangedSchema, resetSchema } from '../../lambda/processor/validation/payloads';
import { generateWorkload } from '../../tools/workload';

/** Realistic events of every type, as the producer writes them. */
const events = generateWorkload({ records: 300, users: 20 }).map(
  ({ data }) => JSON.parse(data.toString('utf8')) as Record<string, unknown>,
);
const payloadsOf = (type: string) => events.filter((event) => event.type === type).map((event) => event.payload as Record<string, unknown>);

/** Values that sit on the edges of the schemas' rules. */
const edgeValue = fc.constantFrom<unknown>(
  undefined,
  null,
  '',
  ' ',
  'x',
  '200',
  '9800.00',
  '1e5',
  '-3',
  '.5',
  '\u0661',
  'DEPOSIT',
  'CALENDAR_DAY',
  'ACTIVE',
  'constructor',
  0,
  -0,
  -1,
  1.5,
  2 ** 53 - 1,
  2 ** 53,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  1_700_000_000_000,
  true,
  [],
  ['x'],
  {},
  { nested: 1 },
);

/** A valid input with up to three fields replaced by edge values, removed, or added. */
const mutated = (valid: readonly Record<string, unknown>[], fields: readonly string[]) =>
  fc
    .tuple(
      fc.constantFrom(...valid),
      fc.array(fc.tuple(fc.constantFrom(...fields, 'extra', '__proto__'), edgeValue, fc.boolean()), { maxLength: 3 }),
    )
    .map(([base, changes]) => {
      const input: Record<string, unknown> = JSON.parse(JSON.stringify(base));
      for (const [field, value, remove] of changes) {
        if (remove) delete input[field];
        else Object.defineProperty(input, field, { value, enumerable: true, writable: true, configurable: true });
      }
      return input;
    });

const ENVELOPE_FIELDS = ['eventId', 'type', 'aggregateId', 'sequenceNumber', 'createdAt', 'payload', 'context'];
/** Name, check, schema, valid inputs, fields to mutate, and the fields the schema returns (all of them, for payloads). */
const cases: [string, HandCheck, z.ZodMiniType, Record<string, unknown>[], string[], string[]?][] = [
  ['envelope', handCheckEnvelope, envelopeSchema, events, ENVELOPE_FIELDS, ENVELOPE_FIELDS.filter((field) => field !== 'context')],
  [
    'USER_LIMIT_CREATED payload',
    handCheckCreatedPayload,
    createdSchema,
    payloadsOf('USER_LIMIT_CREATED'),
    ['userLimitId', 'userId', 'brandId', 'currencyCode', 'type', 'period', 'status', 'value', 'activeFrom', 'activeUntil', 'nextResetTime'],
  ],
  [
    'USER_LIMIT_PROGRESS_CHANGED payload',
    handCheckProgressChangedPayload,
    progressChangedSchema,
    payloadsOf('USER_LIMIT_PROGRESS_CHANGED'),
    ['userLimitId', 'amount', 'previousProgress', 'nextResetTime'],
  ],
  ['USER_LIMIT_RESET payload', handCheckResetPayload, resetSchema, payloadsOf('USER_LIMIT_RESET'), ['userLimitId', 'nextResetTime']],
];

/** The input's own values of `fields`: what a consumer of the input, used in place, reads. */
const fieldsOf = (input: Record<string, unknown>, fields: readonly string[]) =>
  Object.fromEntries(fields.filter((field) => Object.hasOwn(input, field)).map((field) => [field, input[field]]));

describe.each(cases)('the %s hand check in front of its schema', (_name, handCheck, schema, valid, fields, schemaFields = fields) => {
  it('accepts every valid input of the workload (the fast path is taken), whose fields are exactly the schema output', () => {
    expect(valid.length).toBeGreaterThan(3);
    for (const input of valid) {
      const result = schema.safeParse(input);
      expect(result.success).toBe(true);
      expect(handCheck(input)).toBe(true);
      expect(fieldsOf(input, schemaFields)).toStrictEqual(result.data);
    }
  });

  it('accepts nothing its schema refuses, and what either accepts has exactly the schema output as its fields (property)', () => {
    fc.assert(
      fc.property(mutated(valid, fields), (input) => {
        const result = schema.safeParse(input);
        if (handCheck(input)) expect(result.success).toBe(true);
        if (result.success) expect(fieldsOf(input, schemaFields)).toStrictEqual(result.data);
      }),
      { numRuns: 500 },
    );
  });
});
