import { kboCopyError } from './kbo-copy-error';
import { KboExtractError } from './kbo-load.errors';

/** What pg's DatabaseError carries (the fields the mapping reads). */
function postgresError(fields: { message: string; code: string; where?: string; detail?: string }): Error {
  return Object.assign(new Error(fields.message), { severity: 'ERROR', ...fields });
}

const ENTERPRISE = { file: 'enterprise.csv', table: 'enterprise' };
const targets = new Map([
  ['enterprise_next', ENTERPRISE],
  ['kbo_insert_address', { file: 'address_insert.csv', table: 'address' }],
]);

describe('kboCopyError', () => {
  it('maps the relation and line of a COPY error back to the file, naming the column', () => {
    const error = kboCopyError(
      postgresError({ code: '22008', message: 'date/time field value out of range: "31-13-2020"', where: 'COPY enterprise_next, line 3, column start_date: "31-13-2020"' }),
      targets,
      ENTERPRISE,
    );
    expect(error).toBeInstanceOf(KboExtractError);
    expect(error).toMatchObject({ file: 'enterprise.csv', line: 3 });
    expect(error.message).toBe('enterprise.csv, line 3: date/time field value out of range: "31-13-2020" (column start_date)');
  });

  it('shows a shadow or staging table under its kbo name, with the detail', () => {
    const error = kboCopyError(
      postgresError({
        code: '23514',
        message: 'new row for relation "kbo_insert_address" violates check constraint "address_type_check"',
        where: 'COPY kbo_insert_address, line 12: "..."',
        detail: 'Failing row contains (x).',
      }),
      targets,
      ENTERPRISE,
    );
    expect(error.message).toBe('address_insert.csv, line 12: new row for relation "address" violates check constraint "address_type_check": Failing row contains (x).');
  });

  it('takes the file the caller was reading when PostgreSQL gives no line (an index build)', () => {
    const error = kboCopyError(
      postgresError({ code: '23505', message: 'could not create unique index "enterprise_next_0"', detail: 'Key (enterprise_number)=(0403.019.261) is duplicated.' }),
      new Map([['enterprise_next_0', { file: 'enterprise.csv', table: 'enterprise_pkey' }]]),
      ENTERPRISE,
    );
    expect(error.message).toBe('enterprise.csv: could not create unique index "enterprise_pkey": Key (enterprise_number)=(0403.019.261) is duplicated.');
    expect(error.line).toBeUndefined();
  });

  it('cuts a long detail', () => {
    const error = kboCopyError(postgresError({ code: '23514', message: 'bad row', detail: 'x'.repeat(1000) }), targets, ENTERPRISE);
    expect(error.reason.length).toBeLessThan(220);
  });

  it('names the file for an error that is not PostgreSQL\'s (a broken zip entry), and keeps a KboExtractError as it is', () => {
    expect(kboCopyError(new Error('invalid distance too far back'), targets, ENTERPRISE).message).toBe('enterprise.csv: invalid distance too far back');
    const original = new KboExtractError('address.csv', 1, 'no header line');
    expect(kboCopyError(original, targets, ENTERPRISE)).toBe(original);
  });
});
