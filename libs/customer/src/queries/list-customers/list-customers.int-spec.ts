import { randomBytes, randomUUID } from 'node:crypto';
import { EventStore, eventStoreMigrations } from '@cm/event-store';
import { createTestDatabase, type TestDatabase } from '../../../../../test/setup/test-database';
import { CustomerCommandHandler } from '../../application/customer-command-handler';
import { newCustomerId } from '../../application/customer-id';
import type { CreateCompanyCustomer } from '../../commands/create-company-customer/create-company-customer.command';
import type { CreatePersonCustomer } from '../../commands/create-person-customer/create-person-customer.command';
import type { CustomerCommand } from '../../commands/customer.commands';
import { customerMigrations } from '../../migrations';
import { customerListProjection } from '../../projections/customer-list.projection';
import { decodeCursor } from './list-customers.params';
import { type CustomerPage, ListCustomersQuery } from './list-customers.query';

const tenant = randomUUID();
const otherTenant = randomUUID();
const meta = { actor: { type: 'system', id: 'test' }, correlationId: randomUUID() } as const;

describe('ListCustomersQuery', () => {
  let t: TestDatabase;
  let handler: CustomerCommandHandler;
  let query: ListCustomersQuery;
  const ids: Record<string, string> = {};
  const all: string[] = [];

  const run = (command: CustomerCommand, org = tenant) => handler.execute(org, command, meta);
  const list = (filter: Partial<Parameters<ListCustomersQuery['list']>[1]>, org = tenant): Promise<CustomerPage> =>
    query.list(org, { limit: 50, ...filter });
  const found = async (filter: Partial<Parameters<ListCustomersQuery['list']>[1]>) => (await list(filter)).items.map((c) => c.customerNumber);

  beforeAll(async () => {
    t = await createTestDatabase([eventStoreMigrations, customerMigrations]);
    const store = new EventStore({ db: t.database.db, masterKey: randomBytes(32), inlineProjections: [customerListProjection] });
    handler = new CustomerCommandHandler(store);
    query = new ListCustomersQuery(t.database.db);

    const create = async (name: string, command: Omit<CreatePersonCustomer, 'customerId'> | Omit<CreateCompanyCustomer, 'customerId'>) => {
      ids[name] = newCustomerId();
      all.push(ids[name]);
      await run({ ...command, customerId: ids[name] } as CustomerCommand);
    };
    await create('jerome', {
      type: 'CreatePersonCustomer',
      customerNumber: 'P-100',
      firstName: 'Jérôme',
      lastName: 'Peeters',
      email: 'jerome.peeters@example.be',
      address: { country: 'BE' },
    });
    await create('acme', { type: 'CreateCompanyCustomer', customerNumber: 'K-200', companyName: 'Acme NV', enterpriseNumber: '0403.019.261', address: { country: 'BE' } });
    await create('marie', { type: 'CreatePersonCustomer', customerNumber: 'P-300', firstName: 'Marie', lastName: 'Dubois', address: { country: 'FR' } });
    await create('jan', { type: 'CreatePersonCustomer', customerNumber: 'P-400', firstName: 'Jan', lastName: 'Janssens', address: { country: 'NL' } });
    for (let i = 0; i < 16; i++) await create(`filler${i}`, { type: 'CreatePersonCustomer', customerNumber: `F-${i}`, firstName: 'Fill', lastName: `Er${i}` });
    await run({ type: 'ArchiveCustomer', customerId: ids.marie });
    await run({ type: 'ForgetCustomer', customerId: ids.jan });
    await run({ type: 'CreatePersonCustomer', customerId: newCustomerId(), customerNumber: 'P-100', firstName: 'Jérôme', lastName: 'Peeters' }, otherTenant);
  });
  afterAll(() => t.drop());

  it('pages through every customer in id (creation) order: no duplicate, no gap', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await list({ limit: 6, afterId: cursor && decodeCursor(cursor) });
      expect(page.items.length).toBeLessThanOrEqual(6);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen).toEqual(all);
    expect(all).toEqual([...all].sort());
  });

  it('says there is no next page when the last page is exactly full', async () => {
    expect((await list({ limit: 20 })).nextCursor).toBeNull();
    expect((await list({ limit: 19 })).nextCursor).not.toBeNull();
  });

  it('filters exactly on customer number, type, status and country, together', async () => {
    expect(await found({ customerNumber: 'K-200' })).toEqual(['K-200']);
    expect(await found({ customerNumber: 'k-200' })).toEqual([]);
    expect(await found({ type: 'company' })).toEqual(['K-200']);
    expect(await found({ status: 'archived' })).toEqual(['P-300']);
    expect(await found({ status: 'forgotten' })).toEqual(['P-400']);
    expect(await found({ country: 'BE' })).toEqual(['P-100', 'K-200']);
    expect(await found({ country: 'BE', type: 'person' })).toEqual(['P-100']);
    expect(await found({ country: 'FR', status: 'active' })).toEqual([]);
    expect((await list({ status: 'active' })).items).toHaveLength(18);
  });

  it.each([
    ['a first name without its accents', 'jerome', ['P-100']],
    ['a name in capitals with accents', 'JÉRÔME', ['P-100']],
    ['a prefix of the last name', 'pee', ['P-100']],
    ['two prefixes, both required', 'jer pee', ['P-100']],
    ['two words not on one customer', 'jerome dubois', []],
    ['the whole e-mail', 'jerome.peeters@example.be', ['P-100']],
    ['the e-mail domain', 'example.be', ['P-100']],
    ['the customer number', 'p-300', ['P-300']],
    ['a customer number prefix', 'F-1', ['F-1', 'F-10', 'F-11', 'F-12', 'F-13', 'F-14', 'F-15']],
    ['the company name', 'acme', ['K-200']],
    ['the enterprise number', '0403019261', ['K-200']],
    ['the enterprise number with dots', '0403.019.261', ['K-200']],
    ['an enterprise number prefix', '0403', ['K-200']],
    ['an apostrophe and operators, taken as words', "acme & !'nv", ['K-200']],
    ['only punctuation', '&|!', []],
  ])('searches %s', async (_what, q, expected) => {
    expect(await found({ q })).toEqual(expected);
  });

  it('searches together with the filters and the cursor', async () => {
    expect(await found({ q: 'fill', status: 'active', country: 'BE' })).toEqual([]);
    const first = await list({ q: 'fill', limit: 10 });
    const second = await list({ q: 'fill', limit: 10, afterId: decodeCursor(first.nextCursor ?? '') });
    expect(first.items.map((c) => c.customerNumber)).toEqual(Array.from({ length: 10 }, (_, i) => `F-${i}`));
    expect(second.items.map((c) => c.customerNumber)).toEqual(Array.from({ length: 6 }, (_, i) => `F-${i + 10}`));
    expect(second.nextCursor).toBeNull();
  });

  it('no longer finds a forgotten customer by its erased name', async () => {
    expect(await found({ q: 'janssens' })).toEqual([]);
    expect(await found({ q: 'P-400' })).toEqual(['P-400']);
  });

  it('shows one organization only', async () => {
    const other = await list({}, otherTenant);
    expect(other.items.map((c) => c.customerNumber)).toEqual(['P-100']);
    expect(other.items[0].id).not.toBe(ids.jerome);
    expect((await list({ q: 'acme' }, otherTenant)).items).toEqual([]);
  });
});
