import type { CompanyRecord, RegistrySourceName } from '../domain/company-record';
import { EnterpriseNotFoundError, InvalidRegistryNumberError, RegistryUnavailableError } from '../domain/registry.errors';
import type { RegistryNumber } from '../domain/registry-number';
import { CompanyLookup } from './company-lookup';
import type { CompanySource, SourceAnswer } from './company-source';

const company = (source: RegistrySourceName): CompanyRecord => ({
  country: 'BE',
  enterpriseNumber: '0403019261',
  vatNumber: 'BE0403019261',
  companyName: `Acme (${source})`,
  address: 'Rue Royale 10',
  zip: '1000',
  city: 'Bruxelles',
  source,
  retrievedAt: '2026-11-01T00:00:00.000Z',
});

/** A source that gives a fixed answer and remembers what it was asked. */
function source(name: RegistrySourceName, answer: SourceAnswer): CompanySource & { asked: RegistryNumber[] } {
  const asked: RegistryNumber[] = [];
  return {
    name,
    asked,
    lookup: async (number) => {
      asked.push(number);
      return answer;
    },
  };
}

const found = (name: RegistrySourceName): SourceAnswer => ({ status: 'found', company: company(name) });
const notFound: SourceAnswer = { status: 'not-found' };
const down = (retryAfterSeconds?: number): SourceAnswer => ({ status: 'unavailable', reason: 'HTTP 503', retryAfterSeconds });
const skipped: SourceAnswer = { status: 'skipped', reason: 'not configured' };

const lookupWith = (...be: CompanySource[]) => new CompanyLookup({ BE: be, NL: [] });

describe('CompanyLookup', () => {
  it('returns the first source that knows the company and asks no further', async () => {
    const vies = source('vies', found('vies'));
    await expect(lookupWith(source('kbo', found('kbo')), vies).lookup('BE', 'BE 0403.019.261')).resolves.toMatchObject({ source: 'kbo' });
    expect(vies.asked).toEqual([]);
  });

  it('falls through to the next source when the first does not know it, is skipped or is down', async () => {
    for (const first of [notFound, skipped, down()]) {
      await expect(lookupWith(source('kbo', first), source('vies', found('vies'))).lookup('BE', '0403019261')).resolves.toMatchObject({
        source: 'vies',
      });
    }
  });

  it('is a 404 only when every source that answered says unknown', async () => {
    const error = await lookupWith(source('kbo', notFound), source('vies', notFound))
      .lookup('BE', '0403019261')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EnterpriseNotFoundError);
    expect(error).toMatchObject({ status: 404, details: { country: 'BE', number: '0403019261', sources: ['kbo', 'vies'] } });
  });

  it('is a 503 with the longest Retry-After when an unavailable source might know it', async () => {
    const error = await lookupWith(source('kbo', notFound), source('vies', down(120)))
      .lookup('BE', '0403019261')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryUnavailableError);
    expect(error).toMatchObject({ status: 503, details: { retryAfterSeconds: 120, reasons: ['vies: HTTP 503'] } });
  });

  it('gives a default Retry-After when a source does not say', async () => {
    const error = await lookupWith(source('vies', down())).lookup('BE', '0403019261').catch((e: unknown) => e);
    expect(error).toMatchObject({ details: { retryAfterSeconds: 30 } });
  });

  it('is a 503 when no source could be asked at all (none configured for that number)', async () => {
    const error = await lookupWith(source('kbo', skipped)).lookup('BE', '0403019261').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryUnavailableError);
    expect(error).toMatchObject({ details: { reasons: ['kbo: not configured'] } });
  });

  it('never asks a source about an invalid number', async () => {
    const kbo = source('kbo', found('kbo'));
    await expect(lookupWith(kbo).lookup('BE', '0431150351')).rejects.toBeInstanceOf(InvalidRegistryNumberError);
    expect(kbo.asked).toEqual([]);
  });

  it("asks the country's own sources", async () => {
    const kvk = source('kvk', found('kvk'));
    const lookup = new CompanyLookup({ BE: [source('kbo', notFound)], NL: [kvk] });
    await expect(lookup.lookup('NL', '69016374')).resolves.toMatchObject({ source: 'kvk' });
    expect(kvk.asked).toEqual([{ country: 'NL', kind: 'kvk', enterpriseNumber: '69016374' }]);
  });
});
