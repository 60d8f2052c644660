import { parseViesAddress } from './vies-address';

describe('parseViesAddress', () => {
  it('takes zip and city from a Belgian last line and the street from the rest', () => {
    expect(parseViesAddress('BE', 'RUE ROYALE 10\n1000 BRUXELLES')).toEqual({ address: 'RUE ROYALE 10', zip: '1000', city: 'BRUXELLES' });
  });

  it('joins several street lines with ", " and collapses spaces', () => {
    expect(parseViesAddress('BE', '  Kerkstraat   1  bus 2 \nGebouw   B\n2000   Antwerpen  ')).toEqual({
      address: 'Kerkstraat 1 bus 2, Gebouw B',
      zip: '2000',
      city: 'Antwerpen',
    });
  });

  it('reads Dutch postcodes with and without the space', () => {
    expect(parseViesAddress('NL', 'DAMRAK 1\n1012 LG AMSTERDAM')).toEqual({ address: 'DAMRAK 1', zip: '1012 LG', city: 'AMSTERDAM' });
    expect(parseViesAddress('NL', 'DAMRAK 1\n1012LG AMSTERDAM')).toEqual({ address: 'DAMRAK 1', zip: '1012LG', city: 'AMSTERDAM' });
  });

  it('applies the postcode shape of the country asked', () => {
    expect(parseViesAddress('NL', 'RUE ROYALE 10\n1000 BRUXELLES')).toEqual({ address: 'RUE ROYALE 10, 1000 BRUXELLES', zip: null, city: null });
  });

  it('keeps everything in the address when the last line has no postcode', () => {
    expect(parseViesAddress('BE', 'RUE ROYALE 10 1000 BRUXELLES')).toEqual({ address: 'RUE ROYALE 10 1000 BRUXELLES', zip: null, city: null });
    expect(parseViesAddress('BE', 'RUE ROYALE 10\nBRUXELLES')).toEqual({ address: 'RUE ROYALE 10, BRUXELLES', zip: null, city: null });
  });

  it('gives zip and city without a street when the address is only the postcode line', () => {
    expect(parseViesAddress('BE', '1000 BRUXELLES')).toEqual({ address: null, zip: '1000', city: 'BRUXELLES' });
  });

  it('ignores blank lines and Windows line ends', () => {
    expect(parseViesAddress('BE', 'RUE ROYALE 10\r\n\r\n1000 BRUXELLES\r\n')).toEqual({ address: 'RUE ROYALE 10', zip: '1000', city: 'BRUXELLES' });
  });

  it('gives nothing for no address or "---"', () => {
    const none = { address: null, zip: null, city: null };
    expect(parseViesAddress('BE', null)).toEqual(none);
    expect(parseViesAddress('BE', '')).toEqual(none);
    expect(parseViesAddress('NL', '---')).toEqual(none);
  });
});
