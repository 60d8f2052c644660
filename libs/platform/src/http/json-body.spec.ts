import { hasBody, isJsonMediaType } from './json-body';

describe('isJsonMediaType', () => {
  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON', 'application/merge-patch+json'])(
    'accepts %p',
    (type) => expect(isJsonMediaType(type)).toBe(true),
  );

  it.each([undefined, '', 'text/plain', 'application/x-www-form-urlencoded', 'text/json', 'application/jsonx', 'multipart/form-data'])(
    'rejects %p',
    (type) => expect(isJsonMediaType(type)).toBe(false),
  );
});

describe('hasBody', () => {
  it('is true for a positive length or a chunked body', () => {
    expect(hasBody({ headers: { 'content-length': '2' } })).toBe(true);
    expect(hasBody({ headers: { 'transfer-encoding': 'chunked' } })).toBe(true);
  });

  it('is false without a body or with an empty one', () => {
    expect(hasBody({ headers: {} })).toBe(false);
    expect(hasBody({ headers: { 'content-length': '0' } })).toBe(false);
  });
});
