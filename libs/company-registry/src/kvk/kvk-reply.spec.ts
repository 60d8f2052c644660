import { parseRetryAfter, readKvkReply } from './kvk-reply';

const now = new Date('2026-03-01T10:00:00Z');
const fout = (code: string, omschrijving = 'tekst'): string => JSON.stringify({ fout: [{ code, omschrijving }] });

describe('readKvkReply', () => {
  it('gives the body of a success', () => {
    expect(readKvkReply(200, '{"kvkNummer":"12345678"}', null, now)).toEqual({ kind: 'body', json: { kvkNummer: '12345678' } });
  });

  it('reads IPD5200 as no hits and IPD0004 as an impossible number, whatever the status', () => {
    expect(readKvkReply(404, fout('IPD5200'), null, now)).toEqual({ kind: 'no-results' });
    expect(readKvkReply(200, fout('IPD5200'), null, now)).toEqual({ kind: 'no-results' });
    expect(readKvkReply(400, fout('IPD0004'), null, now)).toEqual({ kind: 'invalid-number' });
  });

  it('reads a 404 with another code (or none) as not found', () => {
    expect(readKvkReply(404, fout('IPD0005'), null, now)).toMatchObject({ kind: 'not-found' });
    expect(readKvkReply(404, '', null, now)).toMatchObject({ kind: 'not-found' });
  });

  it('reads 401 and 403 as a refused key, naming the code', () => {
    expect(readKvkReply(401, fout('X1', 'Ongeldige key'), null, now)).toEqual({ kind: 'unauthorized', detail: 'HTTP 401 (X1 Ongeldige key)' });
    expect(readKvkReply(403, 'Forbidden', null, now)).toEqual({ kind: 'unauthorized', detail: 'HTTP 403' });
  });

  it('reads 429 with its Retry-After', () => {
    expect(readKvkReply(429, '', '7', now)).toMatchObject({ kind: 'rate-limited', retryAfterSeconds: 7 });
    expect(readKvkReply(429, '', null, now)).toMatchObject({ kind: 'rate-limited', retryAfterSeconds: undefined });
  });

  it('reads IPD1002, IPD9999 and 5xx as worth retrying, whatever the status', () => {
    expect(readKvkReply(503, fout('IPD1002'), null, now)).toMatchObject({ kind: 'unavailable', retry: true });
    expect(readKvkReply(200, fout('IPD1002'), null, now)).toMatchObject({ kind: 'unavailable', retry: true });
    expect(readKvkReply(400, fout('IPD9999'), null, now)).toMatchObject({ kind: 'unavailable', retry: true });
    expect(readKvkReply(502, '<html>Bad Gateway</html>', null, now)).toMatchObject({ kind: 'unavailable', retry: true });
  });

  it('does not retry what it does not understand', () => {
    expect(readKvkReply(200, '<html></html>', null, now)).toEqual({ kind: 'unavailable', detail: 'HTTP 200: not a JSON object', retry: false });
    expect(readKvkReply(400, fout('IPD0001', 'Ongeldige parameter'), null, now)).toEqual({
      kind: 'unavailable',
      detail: 'HTTP 400 (IPD0001 Ongeldige parameter)',
      retry: false,
    });
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date as seconds from now, rounded up and never negative', () => {
    expect(parseRetryAfter('Sun, 01 Mar 2026 10:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter(new Date(now.getTime() + 1500).toUTCString(), new Date(now.getTime() + 200))).toBe(1);
    expect(parseRetryAfter('Sun, 01 Mar 2026 09:00:00 GMT', now)).toBe(0);
  });

  it('gives undefined when absent or unreadable', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});
