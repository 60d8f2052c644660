import { parseCustomerFields } from './customer-fields';

describe('parseCustomerFields', () => {
  it('normalises every given field and leaves out the missing ones', () => {
    expect(
      parseCustomerFields({
        customerNumber: ' C-1 ',
        firstName: 'Ann',
        email: 'Ann@Example.BE',
        mobile: '+32 470 12 34 56',
        language: 'nl_BE',
        address: { line: 'Kerkstraat 1', zip: '9000', city: 'Gent', country: 'be' },
        enterpriseNumber: '0403.019.261',
      }),
    ).toEqual({
      ok: true,
      value: {
        customerNumber: 'C-1',
        firstName: 'Ann',
        email: 'Ann@example.be',
        mobile: '+32470123456',
        language: 'nl',
        address: { line: 'Kerkstraat 1', zip: '9000', city: 'Gent', country: 'BE' },
        enterpriseNumber: '0403019261',
      },
    });
  });

  it('reads null and blank as empty; an empty language is en', () => {
    expect(parseCustomerFields({ firstName: null, lastName: '  ', language: '', address: null })).toEqual({
      ok: true,
      value: { firstName: null, lastName: null, language: 'en', address: null },
    });
  });

  it('reports every bad field at once', () => {
    const result = parseCustomerFields({
      customerNumber: 'x'.repeat(36),
      email: 'nope',
      mobile: '0470',
      language: 'pl',
      address: { country: 'XX' },
      vatNumber: 'BE0431150351',
    });
    expect(!result.ok && result.errors.map((error) => error.field)).toEqual([
      'country',
      'customerNumber',
      'vatNumber',
      'email',
      'mobile',
      'language',
    ]);
  });

  it("checks an enterprise number against the given address's country, else the current one", () => {
    const invalidForBelgium = { enterpriseNumber: '0431150351' };
    expect(parseCustomerFields(invalidForBelgium, 'BE')).toMatchObject({ ok: false });
    expect(parseCustomerFields(invalidForBelgium, 'NL')).toMatchObject({ ok: true });
    expect(parseCustomerFields({ ...invalidForBelgium, address: { country: 'NL' } }, 'BE')).toMatchObject({ ok: true });
    expect(parseCustomerFields({ ...invalidForBelgium, address: { country: 'BE' } }, 'NL')).toMatchObject({ ok: false });
    // A new address without a country has no country, whatever the old one was.
    expect(parseCustomerFields({ ...invalidForBelgium, address: { city: 'Gent' } }, 'BE')).toMatchObject({ ok: true });
  });
});
