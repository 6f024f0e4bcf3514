import { parseTokenRequest } from '../../tools/dev/dev-token-route';
import { isLoopbackAddress, isLoopbackHost } from '../../tools/dev/loopback';

describe('the dev token endpoint’s parameters', () => {
  const parse = (query: string) => parseTokenRequest(new URLSearchParams(query));

  it('takes sub, and scope when given', () => {
    expect(parse('sub=VijPYTEOgK7dxLs5fBjJ')).toEqual({ sub: 'VijPYTEOgK7dxLs5fBjJ' });
    expect(parse('sub=u&scope=user-limits%2Fread-any%20openid')).toEqual({ sub: 'u', scope: 'user-limits/read-any openid' });
  });

  it.each([
    ['', /sub is required/],
    ['sub=', /sub is required/],
    [`sub=${'x'.repeat(257)}`, /sub is over 256/],
    ['sub=a%0Ab', /control character/],
    ['sub=a&sub=b', /sub given more than once/],
    ['sub=a&admin=1', /unknown parameter "admin"/],
    ['sub=a&scope=', /parameter scope must be/],
    ['sub=a&scope=a%20%20b', /parameter scope must be/],
    ['sub=a&scope=%22quoted%22', /parameter scope must be/],
  ])('refuses "%s" with a message naming the parameter', (query, message) => {
    expect(parse(query)).toEqual({ problem: expect.stringMatching(message) });
  });
});

describe('loopback checks', () => {
  it('knows this machine’s addresses', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(address)).toBe(true);
    for (const address of [undefined, '10.0.0.1', '192.168.1.2', '::ffff:10.0.0.1', 'fe80::1', '128.0.0.1'])
      expect(isLoopbackAddress(address)).toBe(false);
  });

  it('accepts only Host headers naming this machine (a rebound name is refused)', () => {
    for (const host of ['127.0.0.1:3000', '127.0.0.1', 'localhost:3000', '[::1]:3000']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of [undefined, '', 'evil.example:3000', 'localhost.evil.example', '10.0.0.1:3000', '[fe80::1]:3000'])
      expect(isLoopbackHost(host)).toBe(false);
  });
});
