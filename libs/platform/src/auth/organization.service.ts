import type { Kysely } from 'kysely';
import type { Database } from '../database/database';
import type { Organization } from './auth.types';
import { assertValidOrganizationName } from './organization-name';
import { insertOrganization, selectOrganizationByName, selectOrganizations } from './platform-auth.store';
import type { PlatformTables } from './platform.tables';

/** Organizations (tenants). A plain class: used from Nest and from the CLI alike. */
export class OrganizationService {
  private readonly db: Kysely<PlatformTables>;

  constructor(database: Database) {
    this.db = database.db;
  }

  /**
   * @throws InvalidOrganizationNameError unless 1..100 lowercase letters, digits and dashes
   * @throws OrganizationNameTakenError when the name exists
   */
  async createOrganization(name: string): Promise<Organization> {
    assertValidOrganizationName(name);
    return insertOrganization(this.db, name);
  }

  findOrganizationByName(name: string): Promise<Organization | undefined> {
    return selectOrganizationByName(this.db, name);
  }

  listOrganizations(): Promise<Organization[]> {
    return selectOrganizations(this.db);
  }
}
