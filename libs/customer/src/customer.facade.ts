import type { CommandMeta } from './application/command-meta';
import { type CommandOutcome, CustomerCommandHandler } from './application/customer-command-handler';
import type { CustomerCommand } from './commands/customer.commands';
import type { CustomerReader } from './queries/customer-reader';
import type { CustomerView } from './queries/customer.view';

/**
 * The synchronous API other contexts (import, CRM) use: look-ups in the
 * deduplication order and commands, all scoped to one organization.
 */
export class CustomerFacade {
  constructor(
    private readonly commands: CustomerCommandHandler,
    private readonly reader: CustomerReader,
  ) {}

  findById(tenant: string, id: string): Promise<CustomerView | undefined> {
    return this.reader.byId(tenant, id);
  }

  findByCustomerNumber(tenant: string, customerNumber: string): Promise<CustomerView | undefined> {
    return this.reader.byCustomerNumber(tenant, customerNumber);
  }

  /** Look-up order every channel uses: customer number, then e-mail. */
  async findExisting(tenant: string, keys: { customerNumber?: string | null; email?: string | null }): Promise<CustomerView | undefined> {
    const byNumber = keys.customerNumber ? await this.reader.byCustomerNumber(tenant, keys.customerNumber) : undefined;
    return byNumber ?? (keys.email ? await this.reader.byEmail(tenant, keys.email) : undefined);
  }

  execute(tenant: string, command: CustomerCommand, meta: CommandMeta): Promise<CommandOutcome> {
    return this.commands.execute(tenant, command, meta);
  }
}
