import { headerName, mapKboHeader, parseHeaderLine, snakeCase } from './kbo-header';
import { KboExtractError } from './kbo-load.errors';

const ENTERPRISE = [
  { name: 'enterprise_number', required: true },
  { name: 'status', required: false },
  { name: 'juridical_situation', required: false },
  { name: 'type_of_enterprise', required: false },
  { name: 'juridical_form', required: false },
  { name: 'juridical_form_cac', required: false },
  { name: 'start_date', required: false },
];

describe('snakeCase', () => {
  it.each([
    ['EnterpriseNumber', 'enterprise_number'],
    ['JuridicalFormCAC', 'juridical_form_cac'],
    ['CountryNL', 'country_nl'],
    ['MunicipalityFR', 'municipality_fr'],
    ['Zipcode', 'zipcode'],
    ['TypeOfDenomination', 'type_of_denomination'],
    ['DateStrikingOff', 'date_striking_off'],
    ['NACECode', 'nace_code'],
    [' Box ', 'box'],
  ])('%s -> %s', (header, column) => expect(snakeCase(header)).toBe(column));
});

describe('headerName', () => {
  it('spells a column as the files name it', () => {
    expect(headerName('enterprise_number')).toBe('EnterpriseNumber');
    expect(headerName('type_of_address')).toBe('TypeOfAddress');
  });
});

describe('parseHeaderLine', () => {
  it('reads quoted or bare names and drops a UTF-8 BOM', () => {
    expect(parseHeaderLine('enterprise.csv', '\uFEFF"EnterpriseNumber","Status",StartDate')).toEqual(['EnterpriseNumber', 'Status', 'StartDate']);
  });

  it('refuses an unreadable or empty header, on line 1', () => {
    expect(() => parseHeaderLine('address.csv', '"EntityNumber,"Zipcode"')).toThrow(KboExtractError);
    expect(() => parseHeaderLine('address.csv', '"EntityNumber,"Zipcode"')).toThrow(/^address\.csv, line 1: unreadable header/);
    expect(() => parseHeaderLine('address.csv', '')).toThrow('address.csv, line 1: no header line');
  });
});

describe('mapKboHeader', () => {
  it('maps each field to its column by name, in the order of the file', () => {
    expect(mapKboHeader('enterprise.csv', ['StartDate', 'EnterpriseNumber', 'JuridicalFormCAC'], ENTERPRISE)).toEqual({
      columns: ['start_date', 'enterprise_number', 'juridical_form_cac'],
      ignored: [],
    });
  });

  it('gives unknown fields a placeholder column to be thrown away', () => {
    expect(mapKboHeader('enterprise.csv', ['EnterpriseNumber', 'Rating', 'Status', ''], ENTERPRISE)).toEqual({
      columns: ['enterprise_number', 'kbo_ignored_2', 'status', 'kbo_ignored_4'],
      ignored: ['kbo_ignored_2', 'kbo_ignored_4'],
    });
  });

  it('accepts an older header without the optional columns (no JuridicalFormCAC)', () => {
    const header = ['EnterpriseNumber', 'Status', 'JuridicalSituation', 'TypeOfEnterprise', 'JuridicalForm', 'StartDate'];
    expect(mapKboHeader('enterprise.csv', header, ENTERPRISE).columns).not.toContain('juridical_form_cac');
  });

  it('refuses a header without a required column, naming the file, line 1 and the column', () => {
    const error = catchError(() => mapKboHeader('enterprise.csv', ['Status', 'StartDate'], ENTERPRISE));
    expect(error).toMatchObject({ file: 'enterprise.csv', line: 1 });
    expect(error.message).toBe('enterprise.csv, line 1: missing required column EnterpriseNumber in the header "Status,StartDate"');
  });

  it('refuses a column given twice', () => {
    expect(() => mapKboHeader('enterprise.csv', ['EnterpriseNumber', 'Status', 'Status'], ENTERPRISE)).toThrow(
      'enterprise.csv, line 1: column Status appears twice in the header',
    );
  });
});

function catchError(work: () => unknown): KboExtractError {
  try {
    work();
  } catch (error) {
    if (error instanceof KboExtractError) return error;
    throw error;
  }
  throw new Error('expected a KboExtractError');
}
