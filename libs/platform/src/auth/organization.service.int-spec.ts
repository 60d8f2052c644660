import { createTestDatabase, type TestDatabase } from '../../../../test/setup/test-database';
import { platformMigrations } from '../migrations';
import { InvalidOrganizationNameError, OrganizationNameTakenError } from './auth.errors';
import { OrganizationService } from './organization.service';

let t: TestDatabase;
let organizations: OrganizationService;

beforeAll(async () => {
  t = await createTestDatabase([platformMigrations]);
  organizations = new OrganizationService(t.database);
});
afterAll(() => t.drop());

describe('OrganizationService', () => {
  it('creates an organization and finds it by name', async () => {
    const created = await organizations.createOrganization('acme');
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(await organizations.findOrganizationByName('acme')).toEqual(created);
  });

  it('finds nothing for an unknown name', async () => {
    expect(await organizations.findOrganizationByName('nobody')).toBeUndefined();
  });

  it('refuses a duplicate name with a typed error', async () => {
    await organizations.createOrganization('twice');
    await expect(organizations.createOrganization('twice')).rejects.toBeInstanceOf(OrganizationNameTakenError);
  });

  it('refuses an invalid name before touching the database', async () => {
    await expect(organizations.createOrganization('Not Valid')).rejects.toBeInstanceOf(InvalidOrganizationNameError);
  });

  it('is backed by a check constraint too', async () => {
    await expect(t.database.pool.query(`INSERT INTO platform.organizations (name) VALUES ('UPPER')`)).rejects.toMatchObject({
      code: '23514',
    });
  });

  it('lists organizations by name', async () => {
    const names = (await organizations.listOrganizations()).map((o) => o.name);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['acme', 'twice']));
  });
});
