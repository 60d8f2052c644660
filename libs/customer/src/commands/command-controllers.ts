import type { Type } from '@nestjs/common';

/** The HTTP controllers of the customer commands (one `.http.ts` per command folder). */
export const COMMAND_CONTROLLERS: Type<unknown>[] = [];
