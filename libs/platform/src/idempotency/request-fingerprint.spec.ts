import { canonicalJson, requestFingerprint } from './request-fingerprint';

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
  });

  it('leaves out undefined members, as JSON does', () => {
    expect(canonicalJson({ a: undefined, b: 'x' })).toBe('{"b":"x"}');
  });

  it('writes scalars as JSON', () => {
    expect(canonicalJson('é"')).toBe('"é\\""');
    expect(canonicalJson(undefined)).toBe('null');
  });
});

describe('requestFingerprint', () => {
  const fp = (method: string, path: string, body: unknown) => requestFingerprint(method, path, body).toString('hex');

  it('ignores key order', () => {
    expect(fp('POST', '/v1/x', { a: 1, b: 2 })).toBe(fp('POST', '/v1/x', { b: 2, a: 1 }));
  });

  it('differs by body, path and method', () => {
    const base = fp('POST', '/v1/x', { a: 1 });
    expect(fp('POST', '/v1/x', { a: 2 })).not.toBe(base);
    expect(fp('POST', '/v1/y', { a: 1 })).not.toBe(base);
    expect(fp('PUT', '/v1/x', { a: 1 })).not.toBe(base);
  });

  it('treats a missing body as {}', () => {
    expect(fp('POST', '/v1/x', undefined)).toBe(fp('POST', '/v1/x', {}));
  });

  it('is 32 bytes', () => {
    expect(requestFingerprint('POST', '/', {})).toHaveLength(32);
  });
});
