import fc from 'fast-check';
import { jsonArrayElementRanges } from '../../tools/json-array-elements';

const texts = (json: string) => {
  const bytes = Buffer.from(json, 'utf8');
  return jsonArrayElementRanges(bytes).map(({ start, end }) => bytes.subarray(start, end).toString('utf8'));
};

describe('jsonArrayElementRanges', () => {
  it('cuts each top-level element out of the bytes, whitespace around it excluded', () => {
    expect(texts(' [ 1 ,\n {"a": [1, 2], "b": "]},["} ,"\\"]\\\\" , [[]] , null ]\n')).toEqual([
      '1',
      '{"a": [1, 2], "b": "]},["}',
      '"\\"]\\\\"',
      '[[]]',
      'null',
    ]);
  });

  it('returns no element for an empty array', () => {
    expect(texts('[]')).toEqual([]);
    expect(texts('[ \n ]')).toEqual([]);
  });

  it('keeps what JSON.parse would change: 1e400, -0, 1.10, escapes, deep nesting', () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    expect(texts(`[1e400, -0, 1.10, "\\u00e9", ${deep}]`)).toEqual(['1e400', '-0', '1.10', '"\\u00e9"', deep]);
  });

  it('counts bytes, not characters: multi-byte UTF-8 is never taken for syntax', () => {
    const bytes = Buffer.from('["é]", {"ü": "€"}]', 'utf8');
    const ranges = jsonArrayElementRanges(bytes);
    expect(ranges.map(({ start, end }) => bytes.subarray(start, end).toString('utf8'))).toEqual(['"é]"', '{"ü": "€"}']);
    expect(ranges[1]!.end).toBe(bytes.length - 1);
  });

  it('throws on an array that never closes', () => {
    expect(() => jsonArrayElementRanges(Buffer.from('[1, [2]'))).toThrow(/unterminated/);
  });

  it('agrees with JSON.parse on any array, compact or indented', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ stringUnit: 'grapheme' })), fc.constantFrom(undefined, 1, 2, '\t'), (elements, indent) => {
        const cut = texts(JSON.stringify(elements, null, indent));
        expect(cut.map((text) => JSON.parse(text))).toEqual(JSON.parse(JSON.stringify(elements)));
        if (indent === undefined) expect(cut).toEqual(elements.map((element) => JSON.stringify(element)));
      }),
      { numRuns: 300 },
    );
  });
});
