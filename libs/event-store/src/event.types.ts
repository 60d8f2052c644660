import type { Actor } from '@cm/shared-kernel';

/** Where a reader is in the global order: the committing transaction, then the position. */
export interface Checkpoint {
  readonly transactionId: bigint;
  readonly position: bigint;
}

export const START: Checkpoint = Object.freeze({ transactionId: 0n, position: 0n });

/** Metadata recorded with every event (the audit trail reads it). */
export interface EventMetadata {
  readonly correlationId: string;
  readonly causationId?: string | null;
  readonly actor: Actor;
  readonly requestId?: string | null;
}

/** Fields of `data` that are personal data of `subject`: stored encrypted with the subject's key. */
export interface PersonalData {
  readonly subject: string;
  readonly fields: readonly string[];
}

export interface NewEvent<Data = unknown> {
  /** UUID chosen by the writer; a retried append with the same ids writes nothing twice. */
  readonly id: string;
  readonly type: string;
  readonly data: Data;
  /** Shape version of `data`; upcasters lift older ones on read. Default 1. */
  readonly schemaVersion?: number;
  readonly personal?: PersonalData;
}

/**
 * The version the writer expects the stream to be at: an exact number
 * (0 = no events yet), or a condition.
 */
export type ExpectedVersion = number | 'any' | 'no_stream' | 'stream_exists';

export interface AppendRequest {
  /** Organization (tenant) owning the stream. */
  readonly tenant: string;
  readonly streamId: string;
  /** Category of the stream, e.g. `customer`; subscriptions filter on it. */
  readonly streamType: string;
  readonly expectedVersion: ExpectedVersion;
  readonly events: readonly NewEvent[];
  readonly metadata: EventMetadata;
  /** Data subjects to forget in the same transaction (their keys are deleted at commit). */
  readonly forgetSubjects?: readonly string[];
}

export interface AppendResult {
  /** Stream version after the append (the version of its last event). */
  readonly version: number;
  /** Global positions of the appended events, in order. */
  readonly positions: readonly bigint[];
  /** True when these event ids were already stored: nothing was written. */
  readonly duplicate: boolean;
}

export interface StoredEvent<Data = any> {
  readonly tenant: string;
  readonly streamId: string;
  readonly streamType: string;
  readonly version: number;
  readonly position: bigint;
  readonly transactionId: bigint;
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: Data;
  readonly metadata: EventMetadata;
  /** Database clock at the appending transaction. */
  readonly recordedAt: Date;
  /** Personal fields whose subject was forgotten: their values read as null. */
  readonly erasedFields: readonly string[];
}

export const checkpointOf = (event: Pick<StoredEvent, 'transactionId' | 'position'>): Checkpoint => ({
  transactionId: event.transactionId,
  position: event.position,
});
