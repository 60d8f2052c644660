import type { Type } from '@nestjs/common';
import { CustomerHistoryController } from './customer-history/customer-history.http';
import { GetCustomerController } from './get-customer/get-customer.http';
import { ListCustomersController } from './list-customers/list-customers.http';

/** The HTTP controllers of the customer queries (one `.http.ts` per query folder). */
export const QUERY_CONTROLLERS: Type<unknown>[] = [ListCustomersController, GetCustomerController, CustomerHistoryController];
