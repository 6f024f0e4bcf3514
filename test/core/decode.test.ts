import { decodeRecordData } from '../../lambda/processor/validation/decode';
import { Rejection } from '../../lambda/processor/validation/result';

const base64 = (text: string | Buffer): string => Buffer.from(text).toString('base64');

/** Small and large records; all but the smallest (ASCII) carry non-ASCII text, whose bytes are checked to be UTF-8. */
const SIZES = [10, 64 * 1024 - 200, 64 * 1024 + 200, 300_000];

const eventOfSize = (size: number, marker: string) => JSON.stringify({ marker, padding: 'é'.repeat(Math.max(0, (size - 40) / 2)) });

describe('decodeRecordData, small and large records', () => {
  it.each(SIZES)('decodes a %d-byte record exactly, and a decoded record is not changed by the next one', (size) => {
    const first = decodeRecordData(base64(eventOfSize(size, 'first')));
    const second = decodeRecordData(base64(eventOfSize(size, 'second')));
    expect(first).toStrictEqual(JSON.parse(eventOfSize(size, 'first')));
    expect(second).toStrictEqual(JSON.parse(eventOfSize(size, 'second')));
  });

  it.each(SIZES)('refuses invalid UTF-8, bad base64 and base64url in a %d-byte record', (size) => {
    const text = eventOfSize(size, 'x');
    const invalidUtf8 = Buffer.concat([Buffer.from(text), Buffer.from([0xff, 0xfe])]);
    expect(decodeRecordData(base64(invalidUtf8))).toStrictEqual(new Rejection('data: not valid UTF-8'));
    expect(decodeRecordData(`${base64(text).slice(0, -4)}*${base64(text).slice(-3)}`)).toStrictEqual(
      new Rejection('data: not valid base64'),
    );
    const urlSafe = Buffer.from(`{"a":"${'\u00ff\u00fe'.repeat(size / 4)}"}`)
      .toString('base64url')
      .padEnd(Math.ceil(Buffer.from(`{"a":"${'\u00ff\u00fe'.repeat(size / 4)}"}`).toString('base64url').length / 4) * 4, '=');
    expect(urlSafe).toMatch(/[-_]/);
    expect(decodeRecordData(urlSafe)).toStrictEqual(new Rejection('data: not valid base64'));
  });

  it('refuses base64 with whitespace or a character outside the alphabet, which some decoders skip', () => {
    // No '=' padding, so a decoder that skips the whitespace finds a valid shorter input.
    const encoded = base64('{"type":"USER_LIMIT_RESET","padding":"abcde"}');
    expect(encoded).not.toContain('=');
    expect(decodeRecordData(encoded)).toStrictEqual(JSON.parse('{"type":"USER_LIMIT_RESET","padding":"abcde"}'));
    for (const spoiled of [
      ` ${encoded.slice(1)}`,
      `${encoded.slice(0, 8)}\n${encoded.slice(9)}`,
      `${encoded.slice(0, 8)}*${encoded.slice(9)}`,
    ]) {
      expect(decodeRecordData(spoiled)).toStrictEqual(new Rejection('data: not valid base64'));
    }
  });
});
