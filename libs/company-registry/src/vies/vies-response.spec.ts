import { readViesResponse } from './vies-response';

const json = (body: object): string => JSON.stringify(body);
const envelope = (error: string): string => json({ actionSucceed: false, errorWrappers: [{ error, message: `${error} happened` }] });

describe('readViesResponse', () => {
  it('reads a valid number with name, address, request date and identifier', () => {
    const body = json({
      isValid: true,
      requestDate: '2026-11-26T10:00:00.000Z',
      userError: 'VALID',
      name: 'ACME NV',
      address: 'RUE ROYALE 10\n1000 BRUXELLES',
      requestIdentifier: 'WAPIAAAAX1',
      vatNumber: '0403019261',
    });
    expect(readViesResponse(200, body)).toEqual({
      kind: 'valid',
      name: 'ACME NV',
      address: 'RUE ROYALE 10\n1000 BRUXELLES',
      requestDate: '2026-11-26T10:00:00.000Z',
      requestIdentifier: 'WAPIAAAAX1',
    });
  });

  it('treats "---" and empty values as not released', () => {
    const body = json({ isValid: true, requestDate: '2026-11-26', userError: 'VALID', name: '---', address: '---', requestIdentifier: '' });
    expect(readViesResponse(200, body)).toEqual({ kind: 'valid', name: null, address: null, requestDate: '2026-11-26', requestIdentifier: null });
  });

  it('reads userError INVALID, INVALID_INPUT and VALID next to isValid false as an invalid number', () => {
    for (const userError of ['INVALID', 'INVALID_INPUT', 'VALID']) {
      expect(readViesResponse(200, json({ isValid: false, requestDate: '2026-11-26', userError }))).toEqual({ kind: 'invalid', requestDate: '2026-11-26' });
    }
  });

  it('reads an INVALID_INPUT envelope as an invalid number, whatever the status', () => {
    expect(readViesResponse(400, envelope('INVALID_INPUT'))).toEqual({ kind: 'invalid', requestDate: null });
  });

  it.each([
    'SERVICE_UNAVAILABLE',
    'MS_UNAVAILABLE',
    'TIMEOUT',
    'GLOBAL_MAX_CONCURRENT_REQ',
    'GLOBAL_MAX_CONCURRENT_REQ_TIME',
    'MS_MAX_CONCURRENT_REQ',
    'MS_MAX_CONCURRENT_REQ_TIME',
  ])('marks %s as worth retrying, in an envelope with any status or as a userError', (error) => {
    const expected = { kind: 'unavailable', error, retry: true };
    expect(readViesResponse(200, envelope(error))).toEqual(expected);
    expect(readViesResponse(500, envelope(error))).toEqual(expected);
    expect(readViesResponse(200, json({ isValid: false, userError: error }))).toEqual(expected);
  });

  it.each(['VAT_BLOCKED', 'IP_BLOCKED', 'SOMETHING_NEW'])('reports %s as unavailable without retrying', (error) => {
    expect(readViesResponse(403, envelope(error))).toEqual({ kind: 'unavailable', error, retry: false });
  });

  it('never reads an error as a verdict, even with isValid next to it', () => {
    const body = json({ isValid: false, actionSucceed: false, errorWrappers: [{ error: 'MS_UNAVAILABLE' }] });
    expect(readViesResponse(200, body)).toEqual({ kind: 'unavailable', error: 'MS_UNAVAILABLE', retry: true });
  });

  it('retries server errors and rate limits whose body it does not understand', () => {
    expect(readViesResponse(503, '<html>Service Unavailable</html>')).toEqual({ kind: 'unavailable', error: 'HTTP 503', retry: true });
    expect(readViesResponse(502, '')).toEqual({ kind: 'unavailable', error: 'HTTP 502', retry: true });
    expect(readViesResponse(429, 'slow down')).toEqual({ kind: 'unavailable', error: 'HTTP 429', retry: true });
  });

  it('does not retry other answers it does not understand', () => {
    expect(readViesResponse(404, '<html>Not Found</html>')).toEqual({ kind: 'unavailable', error: 'HTTP 404: unexpected response', retry: false });
    expect(readViesResponse(200, json({ isValid: false }))).toEqual({ kind: 'unavailable', error: 'HTTP 200: unexpected response', retry: false });
    expect(readViesResponse(200, json({ actionSucceed: false, errorWrappers: [] }))).toEqual({
      kind: 'unavailable',
      error: 'HTTP 200: unexpected response',
      retry: false,
    });
    expect(readViesResponse(200, '[1,2]')).toEqual({ kind: 'unavailable', error: 'HTTP 200: unexpected response', retry: false });
  });
});
