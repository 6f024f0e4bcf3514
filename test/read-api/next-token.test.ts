import fc from 'fast-check';
import { createNextTokenCodec } from '../../lambda/read-api/next-token';

describe('nextToken codec', () => {
  const codec = createNextTokenCodec(Buffer.alloc(32, 9));

  test('round trip for any user and any LIMIT# sort key', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 256, unit: 'grapheme' }),
        fc.string({ maxLength: 300, unit: 'grapheme' }),
        (userId, id) => {
          const sortKey = `LIMIT#${id}`;
          expect(codec.open(userId, codec.issue(userId, sortKey))).toBe(sortKey);
        },
      ),
    );
  });

  test('a token opens for the user it was issued for and no other', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), fc.string(), (userId, otherUser, id) => {
        fc.pre(userId !== otherUser);
        expect(codec.open(otherUser, codec.issue(userId, `LIMIT#${id}`))).toBeUndefined();
      }),
    );
  });

  test('changing any one character of a token makes it invalid', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.nat(),
        fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'),
        (id, at, replacement) => {
          const token = codec.issue('alice', `LIMIT#${id}`);
          const position = at % token.length;
          fc.pre(token[position] !== replacement);
          const changed = token.slice(0, position) + replacement + token.slice(position + 1);
          expect(codec.open('alice', changed)).toBeUndefined();
        },
      ),
      { numRuns: 500 },
    );
  });

  test('a validly signed key outside the LIMIT# items is refused (never points at the watermark)', () => {
    expect(codec.open('alice', codec.issue('alice', 'WATERMARK'))).toBeUndefined();
  });

  test('keys shorter than 32 bytes are refused', () => {
    expect(() => createNextTokenCodec(Buffer.alloc(31))).toThrow('at least 32 bytes');
  });

  test('the codec keeps its own copy of the key', () => {
    const key = Buffer.alloc(32, 3);
    const own = createNextTokenCodec(key);
    const token = own.issue('alice', 'LIMIT#x');
    key.fill(0);
    expect(own.open('alice', token)).toBe('LIMIT#x');
  });
});
