import type { Actor } from '@cm/shared-kernel';

/** Who asks, and the request's trace: recorded on every event the command causes. */
export interface CommandMeta {
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId?: string | null;
  readonly requestId?: string | null;
}
