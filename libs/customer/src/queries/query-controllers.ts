import type { Type } from '@nestjs/common';

/** The HTTP controllers of the customer queries (one `.http.ts` per query folder). */
export const QUERY_CONTROLLERS: Type<unknown>[] = [];
