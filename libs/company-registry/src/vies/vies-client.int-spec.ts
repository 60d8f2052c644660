import { type FakeVies, startFakeVies } from '../testing/fake-vies.server';
import { ViesClient, type ViesClientOptions } from './vies-client';

let fake: FakeVies;

beforeAll(async () => {
  fake = await startFakeVies();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

/** Fast by default: retries and spacing are exercised by the tests that are about them. */
const client = (options: Partial<ViesClientOptions> = {}): ViesClient =>
  new ViesClient({ baseUrl: fake.url, requestsPerSecond: 1000, timeoutMs: 2000, backoffMs: 5, ...options });

const gapsBetween = (times: readonly number[]): number[] => times.slice(1).map((at, i) => at - times[i]);

describe('ViesClient', () => {
  it('reads a valid number with its name and address from GET /ms/{cc}/vat/{number}', async () => {
    fake.setCompany('BE', '0403019261', { name: 'ACME NV', address: 'RUE ROYALE 10\n1000 BRUXELLES', requestIdentifier: 'WAPIAAAAX1' });

    const verdict = await client().check('BE', '0403019261');

    expect(verdict).toEqual({
      kind: 'valid',
      name: 'ACME NV',
      address: 'RUE ROYALE 10\n1000 BRUXELLES',
      requestDate: expect.any(String),
      requestIdentifier: 'WAPIAAAAX1',
    });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /ms/BE/vat/0403019261']);
  });

  it('asks Greece as EL and tolerates a trailing slash in the base URL', async () => {
    fake.setCompany('EL', '094014201', { name: 'ELLINIKI AE' });

    const verdict = await new ViesClient({ baseUrl: `${fake.url}/`, requestsPerSecond: 1000, timeoutMs: 2000 }).check('GR', '094014201');

    expect(verdict).toMatchObject({ kind: 'valid', name: 'ELLINIKI AE', address: null });
    expect(fake.requests.map((r) => r.path)).toEqual(['/ms/EL/vat/094014201']);
  });

  it('gives null name and address where the member state writes "---"', async () => {
    fake.setCompany('NL', '004495445B01');

    expect(await client().check('NL', '004495445B01')).toMatchObject({ kind: 'valid', name: null, address: null });
  });

  it('reads userError INVALID as an invalid number, asked once', async () => {
    expect(await client().check('BE', '0431150351')).toEqual({ kind: 'invalid', requestDate: expect.any(String) });
    expect(fake.requests).toHaveLength(1);
  });

  it('reads INVALID_INPUT as an invalid number, without retrying', async () => {
    fake.failNext(1, 'INVALID_INPUT', 400);

    expect(await client().check('BE', '0403019261')).toEqual({ kind: 'invalid', requestDate: null });
    expect(fake.requests).toHaveLength(1);
  });

  it.each([200, 500])('retries an MS_UNAVAILABLE envelope sent with HTTP %i, then gives the answer', async (status) => {
    fake.setCompany('BE', '0403019261', { name: 'ACME NV' });
    fake.failNext(2, 'MS_UNAVAILABLE', status);

    expect(await client().check('BE', '0403019261')).toMatchObject({ kind: 'valid', name: 'ACME NV' });
    expect(fake.requests).toHaveLength(3);
  });

  it('retries a userError MS_MAX_CONCURRENT_REQ, an HTML 503 page and a dropped connection', async () => {
    fake.setCompany('BE', '0403019261', { name: 'ACME NV' });
    fake.failNext(1, { kind: 'user-error', userError: 'MS_MAX_CONCURRENT_REQ' });
    fake.failNext(1, { kind: 'html', status: 503 });
    fake.failNext(1, { kind: 'drop' });

    expect(await client().check('BE', '0403019261')).toMatchObject({ kind: 'valid', name: 'ACME NV' });
    expect(fake.requests).toHaveLength(4);
  });

  it('reports a transient error that does not go away as unavailable after the retries', async () => {
    fake.setAnswer('BE', '0403019261', { kind: 'envelope', error: 'MS_UNAVAILABLE', status: 500 });

    expect(await client({ retries: 2 }).check('BE', '0403019261')).toEqual({ kind: 'unavailable', error: 'MS_UNAVAILABLE' });
    expect(fake.requests).toHaveLength(3);
  });

  it('names the HTTP status of a server error it cannot read', async () => {
    fake.setAnswer('BE', '0403019261', { kind: 'html', status: 502 });

    expect(await client({ retries: 1 }).check('BE', '0403019261')).toEqual({ kind: 'unavailable', error: 'HTTP 502' });
  });

  it('reports a network error as unavailable', async () => {
    fake.setAnswer('BE', '0403019261', { kind: 'drop' });

    const verdict = await client({ retries: 1 }).check('BE', '0403019261');

    expect(verdict).toEqual({ kind: 'unavailable', error: expect.stringMatching(/^network error/) });
    expect(fake.requests).toHaveLength(2);
  });

  it.each(['IP_BLOCKED', 'VAT_BLOCKED'])('reports %s as unavailable without retrying', async (error) => {
    fake.failNext(1, error, 403);

    expect(await client().check('BE', '0403019261')).toEqual({ kind: 'unavailable', error });
    expect(fake.requests).toHaveLength(1);
  });

  it('gives up on an answer slower than timeoutMs, retries, then reports a timeout', async () => {
    fake.setCompany('BE', '0403019261', { name: 'ACME NV' });
    fake.setAnswer('BE', '0403019261', { kind: 'slow', delayMs: 2000 });

    const verdict = await client({ timeoutMs: 150, retries: 2 }).check('BE', '0403019261');

    expect(verdict).toEqual({ kind: 'unavailable', error: expect.stringMatching(/^TIMEOUT/) });
    expect(fake.requests).toHaveLength(3);
  });

  it('backs off between retries, doubling the pause', async () => {
    fake.setAnswer('BE', '0403019261', { kind: 'envelope', error: 'SERVICE_UNAVAILABLE' });

    await client({ retries: 2, backoffMs: 200 }).check('BE', '0403019261');

    const [first, second] = gapsBetween(fake.requests.map((r) => r.at));
    // 200 ms then 400 ms, each with at most 25% jitter either way.
    expect(first).toBeGreaterThanOrEqual(140);
    expect(second).toBeGreaterThanOrEqual(290);
  });

  it('starts at most requestsPerSecond requests per second, queueing concurrent callers', async () => {
    const vies = client({ requestsPerSecond: 2 });
    const numbers = ['0403019261', '0428759497', '0431150351', '0200065765', '0202239951', '0207381581', '0206787211', '0203201340'];

    const verdicts = await Promise.all(numbers.map((n) => vies.check('BE', n)));

    expect(verdicts.every((v) => v.kind === 'invalid')).toBe(true);
    expect(fake.requests.map((r) => r.path).sort()).toEqual(numbers.map((n) => `/ms/BE/vat/${n}`).sort());
    for (const gap of gapsBetween(fake.requests.map((r) => r.at))) expect(gap).toBeGreaterThanOrEqual(450);
  });

  it('counts retries against the rate limit', async () => {
    fake.setCompany('BE', '0403019261', { name: 'ACME NV' });
    fake.failNext(2, 'GLOBAL_MAX_CONCURRENT_REQ');

    await client({ requestsPerSecond: 4, backoffMs: 1 }).check('BE', '0403019261');

    expect(fake.requests).toHaveLength(3);
    for (const gap of gapsBetween(fake.requests.map((r) => r.at))) expect(gap).toBeGreaterThanOrEqual(200);
  });
});
