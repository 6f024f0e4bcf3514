import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readInputFile } from '../../tools/input-files';
import { RECORDED_STREAM_PATH } from '../../tools/recorded-stream';

const dir = mkdtempSync(join(tmpdir(), 'input-files-'));
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const dataOf = (path: string) => readInputFile(path, 0).records.map((record) => Buffer.from(record.kinesis.data, 'base64'));

const DEEP = `{"eventId":"deep","aggregateId":"u","context":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`;
const HUGE_AMOUNT =
  '{"eventId":"e2","type":"USER_LIMIT_PROGRESS_CHANGED","aggregateId":"u","sequenceNumber":2,"createdAt":1647946090000,' +
  '"payload":{"userLimitId":"x","amount":1e400,"previousProgress":"0"},"source":"limitUser","context":{}}';

describe('readInputFile', () => {
  it('gives each event of the recorded stream its exact bytes from the file, in order, nothing left out', () => {
    const bytes = readFileSync(RECORDED_STREAM_PATH);
    const data = dataOf(RECORDED_STREAM_PATH);
    expect(data).toHaveLength(17);
    let cursor = 0;
    for (const event of data) {
      const at = bytes.indexOf(event, cursor);
      expect(bytes.subarray(cursor, at).toString('utf8')).toMatch(/^\s*[[,]\s*$/); // only the array's own syntax between events
      cursor = at + event.length;
    }
    expect(bytes.subarray(cursor).toString('utf8')).toMatch(/^\s*]\s*$/);
  });

  it('hands on 20,000 nesting levels and 1e400 byte for byte, the same from a JSON array as from JSON Lines', () => {
    const array = dataOf(file('hostile.json', `[\n  ${DEEP},\n  ${HUGE_AMOUNT}\n]\n`));
    const lines = dataOf(file('hostile.jsonl', `${DEEP}\n${HUGE_AMOUNT}\n`));
    expect(array.map(String)).toEqual([DEEP, HUGE_AMOUNT]);
    expect(lines.map(String)).toEqual([DEEP, HUGE_AMOUNT]);
    expect(String(array[1])).toContain('"amount":1e400');
  });

  it('keeps bytes that are not valid UTF-8 inside a string (JSON.parse would replace them)', () => {
    const event = Buffer.concat([Buffer.from('{"aggregateId":"u","note":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    expect(dataOf(file('latin1.json', Buffer.concat([Buffer.from('['), event, Buffer.from(']')])))).toEqual([event]);
    expect(dataOf(file('latin1.jsonl', Buffer.concat([event, Buffer.from('\r\n'), event])))).toEqual([event, event]);
  });

  it('reads a file that starts with a UTF-8 byte order mark', () => {
    expect(dataOf(file('bom.json', '\uFEFF[{"aggregateId":"u"}]')).map(String)).toEqual(['{"aggregateId":"u"}']);
  });

  it("uses a JSON array element's aggregateId and createdAt for the partition key and arrival time", () => {
    const [record] = readInputFile(file('keys.json', '[{"aggregateId":"user-1","createdAt":1647946090000,"n":1e400}]'), 5).records;
    expect(record!.kinesis).toMatchObject({ partitionKey: 'user-1', approximateArrivalTimestamp: 1_647_946_090 });
    expect(record!.kinesis.sequenceNumber).toBe(`4965${'5'.padStart(52, '0')}`);
  });
});
