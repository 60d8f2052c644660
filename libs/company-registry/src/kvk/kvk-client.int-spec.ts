import { type FakeKvk, startFakeKvk } from '../testing/fake-kvk.server';
import { KvkClient, type KvkClientOptions } from './kvk-client';
import { KvkClientError } from './kvk-client.error';

const API_KEY = 'test-key-123';

describe('KvkClient against a fake KvK API', () => {
  let kvk: FakeKvk;

  beforeAll(async () => {
    kvk = await startFakeKvk({ apiKey: API_KEY });
  });
  afterEach(() => kvk.reset());
  afterAll(() => kvk.close());

  const client = (options: Partial<KvkClientOptions> = {}): KvkClient =>
    new KvkClient({ baseUrl: kvk.url, apiKey: API_KEY, timeoutMs: 2000, backoffMs: 10, ...options });

  async function errorOf(call: Promise<unknown>): Promise<KvkClientError> {
    const error = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KvkClientError);
    return error as KvkClientError;
  }

  describe('search', () => {
    it('finds companies by name and sends the API key', async () => {
      kvk.setProfile('12345678', {
        naam: 'Bakkerij De Molen',
        adressen: [{ type: 'bezoekadres', straatnaam: 'Molenweg', huisnummer: 3, plaats: 'Zaandam' }],
      });
      kvk.setProfile('87654321', { naam: 'Garage Jansen' });

      const page = await client().search({ naam: 'molen' });

      expect(page).toEqual({
        pagina: 1,
        resultatenPerPagina: 10,
        totaal: 1,
        resultaten: [
          {
            kvkNummer: '12345678',
            vestigingsnummer: '000012345678',
            naam: 'Bakkerij De Molen',
            adres: { binnenlandsAdres: { type: 'bezoekadres', straatnaam: 'Molenweg', plaats: 'Zaandam' } },
            type: 'hoofdvestiging',
          },
        ],
      });
      expect(kvk.requests).toEqual([expect.objectContaining({ method: 'GET', path: '/v2/zoeken', query: { naam: 'molen' }, apiKey: API_KEY })]);
    });

    it('finds a company by KvK number', async () => {
      kvk.setProfile('12345678');
      kvk.setProfile('87654321');
      const page = await client().search({ kvkNummer: '87654321' });
      expect(page.totaal).toBe(1);
      expect(page.resultaten.map((r) => r.kvkNummer)).toEqual(['87654321']);
    });

    it('gives an empty page when KvK answers 404 IPD5200', async () => {
      kvk.setProfile('12345678', { naam: 'Bakkerij De Molen' });
      await expect(client().search({ naam: 'nergens', pagina: 1, resultatenPerPagina: 20 })).resolves.toEqual({
        pagina: 1,
        resultatenPerPagina: 20,
        totaal: 0,
        resultaten: [],
      });
      expect(kvk.requests).toHaveLength(1);
    });

    it('sends every filter and the paging, and reads the page asked for', async () => {
      for (const n of ['10000001', '10000002', '10000003']) kvk.setProfile(n, { naam: `Molen ${n}` });

      const page = await client().search({
        naam: 'Molen',
        plaats: 'Amsterdam',
        postcode: '1012LG',
        huisnummer: 1,
        type: 'hoofdvestiging',
        pagina: 2,
        resultatenPerPagina: 2,
      });

      expect(kvk.requests[0]!.query).toEqual({
        naam: 'Molen',
        plaats: 'Amsterdam',
        postcode: '1012LG',
        huisnummer: '1',
        type: 'hoofdvestiging',
        pagina: '2',
        resultatenPerPagina: '2',
      });
      expect(page).toMatchObject({ pagina: 2, resultatenPerPagina: 2, totaal: 3 });
      expect(page.resultaten.map((r) => r.kvkNummer)).toEqual(['10000003']);
    });

    it('reports a bare 404 (wrong base URL) as unavailable rather than as no hits', async () => {
      const error = await errorOf(client({ baseUrl: `${kvk.url}/verkeerd` }).search({ naam: 'x' }));
      expect(error.kind).toBe('unavailable');
      expect(error.message).toMatch(/base URL/);
    });
  });

  describe('basisprofiel', () => {
    it('gives the profile of a known number', async () => {
      kvk.setProfile('12345678', { naam: 'Bakkerij De Molen', statutaireNaam: 'De Molen B.V.' });
      const profile = await client().basisprofiel('12345678');
      expect(profile).toMatchObject({
        kvkNummer: '12345678',
        naam: 'Bakkerij De Molen',
        statutaireNaam: 'De Molen B.V.',
        _embedded: { hoofdvestiging: { adressen: [expect.objectContaining({ type: 'bezoekadres', straatnaam: 'Damrak', postcode: '1012LG' })] } },
      });
      expect(kvk.requests).toEqual([expect.objectContaining({ path: '/v1/basisprofielen/12345678', apiKey: API_KEY })]);
    });

    it('gives null for an unknown number (404) and for an impossible one (400 IPD0004)', async () => {
      await expect(client().basisprofiel('99999999')).resolves.toBeNull();
      await expect(client().basisprofiel('1234')).resolves.toBeNull();
      expect(kvk.requests.map((r) => r.path)).toEqual(['/v1/basisprofielen/99999999', '/v1/basisprofielen/1234']);
    });
  });

  describe('failures', () => {
    it('reports a refused API key as unauthorized, without retrying', async () => {
      kvk.setProfile('12345678');
      const error = await errorOf(client({ apiKey: 'wrong-key' }).basisprofiel('12345678'));
      expect(error.kind).toBe('unauthorized');
      expect(error.message).toMatch(/refused the API key/);
      expect(kvk.requests).toHaveLength(1);
      expect(kvk.requests[0]!.apiKey).toBe('wrong-key');
    });

    it('waits for a short Retry-After on 429, then retries', async () => {
      kvk.setProfile('12345678');
      kvk.failNext(1, { status: 429, retryAfter: 1 });

      await expect(client().basisprofiel('12345678')).resolves.toMatchObject({ kvkNummer: '12345678' });

      expect(kvk.requests).toHaveLength(2);
      // Lower bound only: the retry came no sooner than KvK asked (less a little clock slack).
      expect(kvk.requests[1]!.at - kvk.requests[0]!.at).toBeGreaterThanOrEqual(950);
    });

    it('gives up at once on a Retry-After longer than it will wait, reporting it', async () => {
      kvk.failNext(1, { status: 429, retryAfter: 60 });
      const error = await errorOf(client({ maxRetryAfterSeconds: 5 }).basisprofiel('12345678'));
      expect(error).toMatchObject({ kind: 'rate-limited', retryAfterSeconds: 60 });
      expect(kvk.requests).toHaveLength(1);
    });

    it('reads a Retry-After given as an HTTP date', async () => {
      kvk.failNext(1, { status: 429, retryAfter: new Date(Date.now() + 120_000).toUTCString() });
      const error = await errorOf(client().basisprofiel('12345678'));
      expect(error.kind).toBe('rate-limited');
      expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(110);
    });

    it('retries a 503 (IPD1002) and a 500 (IPD9999), then answers', async () => {
      kvk.setProfile('12345678');
      kvk.failNext(1, { status: 503 });
      kvk.failNext(1, { status: 500 });
      await expect(client().basisprofiel('12345678')).resolves.toMatchObject({ kvkNummer: '12345678' });
      expect(kvk.requests).toHaveLength(3);
    });

    it('reports unavailable when KvK keeps answering 503, after the configured retries', async () => {
      kvk.setProfile('12345678');
      kvk.failNext(10, { status: 503 });
      const error = await errorOf(client({ retries: 2 }).basisprofiel('12345678'));
      expect(error.kind).toBe('unavailable');
      expect(error.message).toMatch(/IPD1002/);
      expect(kvk.requests).toHaveLength(3);
    });

    it('retries a timeout and a dropped connection', async () => {
      kvk.setProfile('12345678');
      kvk.failNext(1, { kind: 'slow', delayMs: 1000 });
      kvk.failNext(1, { kind: 'drop' });
      await expect(client({ timeoutMs: 200 }).basisprofiel('12345678')).resolves.toMatchObject({ kvkNummer: '12345678' });
      expect(kvk.requests).toHaveLength(3);
    });

    it('reports a timeout on every attempt as unavailable', async () => {
      kvk.setProfile('12345678');
      kvk.failNext(10, { kind: 'slow', delayMs: 1000 });
      const error = await errorOf(client({ timeoutMs: 100, retries: 1 }).basisprofiel('12345678'));
      expect(error.kind).toBe('unavailable');
      expect(error.message).toMatch(/no answer within 100 ms/);
    });

    it('does not retry an answer it cannot read', async () => {
      kvk.failNext(1, { kind: 'raw', status: 200, body: '<html>maintenance</html>', contentType: 'text/html' });
      const error = await errorOf(client().basisprofiel('12345678'));
      expect(error.kind).toBe('unavailable');
      expect(kvk.requests).toHaveLength(1);
    });
  });
});
