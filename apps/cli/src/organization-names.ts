import type { OrganizationService } from '@cm/platform';
import { CliError } from './cli-error';

/** Organization names by id, for display; reloaded when an id shows up that was not there before. */
export class OrganizationNames {
  private names?: Map<string, string>;

  constructor(private readonly organizations: OrganizationService) {}

  /** The organization's name, or the tenant id itself when no organization has it. */
  async nameOf(tenant: string): Promise<string> {
    if (!this.names?.has(tenant)) {
      await this.reload();
      // Events of a tenant without an organization (written by tests or tools): show the id, ask no more.
      if (!this.names?.has(tenant)) this.names?.set(tenant, tenant);
    }
    return this.names?.get(tenant) ?? tenant;
  }

  /** The id of the organization with this name. */
  async idOf(name: string): Promise<string> {
    const organization = await this.organizations.findOrganizationByName(name);
    if (!organization) throw new CliError(`No organization named "${name}"`);
    return organization.id;
  }

  private async reload(): Promise<void> {
    const list = await this.organizations.listOrganizations();
    this.names = new Map([...(this.names ?? []), ...list.map((o) => [o.id, o.name] as const)]);
  }
}
