import { API_KEY_PREFIX, apiKeyDisplayPrefix, bearerToken, generateApiKey, hashApiKey, isWellFormedApiKey } from './api-key';

describe('API keys', () => {
  it('are the prefix and 43 base64url characters, different each time', () => {
    const key = generateApiKey();
    expect(key).toMatch(/^cm_live_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(API_KEY_PREFIX)).toBe(true);
    expect(generateApiKey()).not.toBe(key);
    expect(isWellFormedApiKey(key)).toBe(true);
  });

  it('hash to 32 bytes, the same for the same key', () => {
    const key = generateApiKey();
    expect(hashApiKey(key)).toHaveLength(32);
    expect(hashApiKey(key).equals(hashApiKey(key))).toBe(true);
    expect(hashApiKey(key).equals(hashApiKey(generateApiKey()))).toBe(false);
  });

  it('show only their first characters in listings', () => {
    expect(apiKeyDisplayPrefix('cm_live_abcdefgh')).toBe('cm_live_abcd');
  });

  it.each(['', 'cm_live_short', `cm_test_${'a'.repeat(43)}`, `cm_live_${'a'.repeat(42)}!`, `cm_live_${'a'.repeat(44)}`])(
    'reject the malformed key %p',
    (key) => expect(isWellFormedApiKey(key)).toBe(false),
  );
});

describe('bearerToken', () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['bearer abc', 'abc'],
    ['BEARER   abc ', 'abc'],
  ])('reads %p', (header, token) => expect(bearerToken(header)).toBe(token));

  it.each([undefined, '', 'Bearer', 'Bearer ', 'Basic abc', 'Bearer a b', 'Bearerabc'])('finds no token in %p', (header) =>
    expect(bearerToken(header)).toBeUndefined(),
  );

  it('ignores repeated headers', () => expect(bearerToken(['Bearer a', 'Bearer b'])).toBeUndefined());
});
