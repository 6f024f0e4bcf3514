import { nextTokenKeyFromEnvironment, parseNextTokenSecret } from '../../lambda/read-api/next-token-key';
import { captureLogs } from '../support/log-capture';

describe('the paging-token key from the environment', () => {
  const bytes = Buffer.from(Array.from({ length: 32 }, (_, index) => index * 7));

  test('hex, base64 and base64url of 32 bytes give the same key', () => {
    for (const text of [
      bytes.toString('hex'),
      bytes.toString('hex').toUpperCase(),
      bytes.toString('base64'),
      bytes.toString('base64url'),
    ]) {
      expect(parseNextTokenSecret(text).equals(bytes)).toBe(true);
    }
  });

  test('fewer than 32 bytes, or text that is neither hex nor base64, is refused at cold start', () => {
    for (const text of [Buffer.alloc(31).toString('hex'), Buffer.alloc(31).toString('base64'), 'not a secret!', 'short']) {
      expect(() => parseNextTokenSecret(text)).toThrow('NEXT_TOKEN_SECRET must be hex or base64 of at least 32 bytes');
    }
  });

  test('set: used as given, no warning', () => {
    const logs = captureLogs();
    const key = nextTokenKeyFromEnvironment({ NEXT_TOKEN_SECRET: bytes.toString('base64') }, logs.logger);
    expect(key.equals(bytes)).toBe(true);
    expect(logs.entries()).toEqual([]);
  });

  test('unset: a random 32-byte key per container and one WARN that tokens do not survive a cold start', () => {
    const logs = captureLogs();
    const first = nextTokenKeyFromEnvironment({}, logs.logger);
    const second = nextTokenKeyFromEnvironment({ NEXT_TOKEN_SECRET: '' }, logs.logger);
    expect(first).toHaveLength(32);
    expect(first.equals(second)).toBe(false);
    expect(logs.entries().map((entry) => [entry.level, entry.message])).toEqual([
      ['WARN', expect.stringContaining('do not survive a cold start')],
      ['WARN', expect.stringContaining('do not survive a cold start')],
    ]);
  });
});
