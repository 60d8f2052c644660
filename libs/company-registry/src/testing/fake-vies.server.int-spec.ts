import { type FakeVies, startFakeVies } from './fake-vies.server';

let fake: FakeVies;

beforeAll(async () => {
  fake = await startFakeVies();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const getJson = async (path: string, init?: RequestInit) => {
  const response = await fetch(`${fake.url}${path}`, init);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('fake VIES', () => {
  it('answers a seeded company on GET, whatever the spelling it was seeded with', async () => {
    fake.setCompany('be', 'BE 0403.019.261', { name: 'ACME NV', address: 'RUE ROYALE 10\n1000 BRUXELLES' });

    expect(await getJson('/ms/BE/vat/0403019261')).toEqual({
      status: 200,
      body: {
        isValid: true,
        requestDate: expect.any(String),
        userError: 'VALID',
        name: 'ACME NV',
        address: 'RUE ROYALE 10\n1000 BRUXELLES',
        requestIdentifier: '',
        vatNumber: '0403019261',
      },
    });
  });

  it('answers the same on POST /check-vat-number', async () => {
    fake.setCompany('BE', '0403019261', { name: 'ACME NV' });
    const post = (vatNumber: string) =>
      getJson('/check-vat-number', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ countryCode: 'BE', vatNumber }) });

    expect(await post('0403019261')).toMatchObject({ status: 200, body: { valid: true, name: 'ACME NV', address: '---' } });
    expect(await post('0428759497')).toMatchObject({ status: 200, body: { valid: false } });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /check-vat-number', 'POST /check-vat-number']);
  });

  it('answers unknown numbers as invalid and unknown member states as INVALID_INPUT', async () => {
    expect(await getJson('/ms/NL/vat/004495445B01')).toMatchObject({ status: 200, body: { isValid: false, userError: 'INVALID' } });
    expect(await getJson('/ms/XX/vat/123456789')).toEqual({
      status: 400,
      body: { actionSucceed: false, errorWrappers: [{ error: 'INVALID_INPUT', message: expect.any(String) }] },
    });
  });

  it('plays scripted failures in order, before the normal answers', async () => {
    fake.setCompany('BE', '0403019261', { name: 'ACME NV' });
    fake.failNext(1, 'MS_UNAVAILABLE', 500);
    fake.failNext(1, { kind: 'html', status: 503 });

    expect(await getJson('/ms/BE/vat/0403019261')).toMatchObject({ status: 500, body: { errorWrappers: [{ error: 'MS_UNAVAILABLE' }] } });
    const html = await fetch(`${fake.url}/ms/BE/vat/0403019261`);
    expect([html.status, html.headers.get('content-type')]).toEqual([503, 'text/html']);
    expect(await getJson('/ms/BE/vat/0403019261')).toMatchObject({ status: 200, body: { isValid: true } });
  });

  it('only answers below the base path', async () => {
    const response = await fetch(`${new URL(fake.url).origin}/ms/BE/vat/0403019261`);
    expect(response.status).toBe(404);
  });
});
