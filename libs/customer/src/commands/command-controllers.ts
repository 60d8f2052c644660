import type { Type } from '@nestjs/common';
import { ArchiveCustomerController } from './archive-customer/archive-customer.http';
import { ChangeCustomerDetailsController } from './change-customer-details/change-customer-details.http';
import { CreateCustomerController } from './create-customer/create-customer.http';
import { EnrichCompanyController } from './enrich-company/enrich-company.http';
import { ForgetCustomerController } from './forget-customer/forget-customer.http';
import { PutCustomerByNumberController } from './put-customer-by-number/put-customer-by-number.http';
import { RestoreCustomerController } from './restore-customer/restore-customer.http';

/** The HTTP controllers of the customer commands (one `.http.ts` per command folder). */
export const COMMAND_CONTROLLERS: Type<unknown>[] = [
  CreateCustomerController,
  PutCustomerByNumberController,
  ChangeCustomerDetailsController,
  ArchiveCustomerController,
  RestoreCustomerController,
  ForgetCustomerController,
  EnrichCompanyController,
];
