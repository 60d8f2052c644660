import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Pool } from 'pg';
import { PersonalDataCipher } from './crypto/personal-data-cipher';
import { EventIdConflictError, WrongExpectedVersionError } from './errors';
import {
  type AppendRequest,
  type AppendResult,
  type Checkpoint,
  type ExpectedVersion,
  type NewEvent,
  START,
  type StoredEvent,
} from './event.types';
import type { InlineProjection } from './projections/projection.types';
import { EventDecoder } from './read/event-decoder';
import { EVENT_COLUMNS, type EventRow } from './read/event-row';
import type { ChangeNotifier } from './subscriptions/change-notifier';
import { type Upcaster, Upcasters } from './upcasting/upcasters';

export interface EventStoreOptions {
  readonly db: Kysely<any>;
  /**
   * The pool under `db`. When given, an append that is a single statement (no inline
   * projection, nothing to forget) goes to it directly as a prepared statement, without
   * Kysely's per-call work.
   */
  readonly pool?: Pool;
  /** Wraps the per-subject data keys (32 bytes). */
  readonly masterKey: Buffer;
  readonly notifier?: ChangeNotifier;
  readonly upcasters?: readonly Upcaster[];
  readonly inlineProjections?: readonly InlineProjection[];
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive. */
  readonly fromVersion?: number;
  /** Inclusive. */
  readonly toVersion?: number;
  /** Only events recorded at or before this time (to the millisecond, as JavaScript dates go). */
  readonly until?: Date;
  readonly limit?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events after this checkpoint. */
  readonly after?: Checkpoint;
  readonly streamTypes?: readonly string[];
  readonly tenant?: string;
  readonly limit?: number;
  /**
   * `settled` (default): only events no running transaction can precede, the
   * safe order for checkpoints. `visible`: every committed event, for a reader
   * that holds the locks every writer of its streams needs (a rebuild's swap).
   */
  readonly horizon?: 'settled' | 'visible';
}

export interface Fold<S> {
  readonly initial: S;
  evolve(state: S, event: StoredEvent): S;
}

interface AppendRow {
  readonly stream_version: string;
  readonly positions: string[];
  readonly duplicate: boolean;
  readonly transaction_id: string;
  readonly recorded_at: Date;
}

/** Named: each pooled connection parses it once. */
const APPEND = {
  name: 'event_store.append_events',
  text: 'SELECT * FROM event_store.append_events($1::uuid, $2, $3, $4, $5::bigint, $6::jsonb, $7::jsonb)',
} as const;

/**
 * Tries of an append with `any` or `stream_exists` whose versions other writers keep taking
 * (each failed try waited for a writer that committed). Other conditions fail at once.
 */
const MAX_UNCONDITIONAL_ATTEMPTS = 20;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Append-only event store on PostgreSQL. Knows no bounded context. */
export class EventStore {
  readonly db: Kysely<any>;
  readonly cipher: PersonalDataCipher;
  private readonly pool?: Pool;
  private readonly decoder: EventDecoder;
  private readonly notifier?: ChangeNotifier;
  private readonly inline: readonly InlineProjection[];

  constructor(options: EventStoreOptions) {
    this.db = options.db;
    this.pool = options.pool;
    this.cipher = new PersonalDataCipher(options.db, options.masterKey);
    this.decoder = new EventDecoder(this.cipher, new Upcasters(options.upcasters));
    this.notifier = options.notifier;
    this.inline = options.inlineProjections ?? [];
  }

  /**
   * Appends atomically if the stream is at `expectedVersion`. Retrying with the
   * same event ids returns the first result and writes nothing.
   */
  async append(request: AppendRequest): Promise<AppendResult> {
    assertAppendable(request);
    const payload = JSON.stringify(await Promise.all(request.events.map((event) => this.encode(request.tenant, event))));
    const [condition, expected] = encodeExpected(request.expectedVersion);
    const metadata = JSON.stringify(request.metadata);
    const values = [request.tenant, request.streamId, request.streamType, condition, expected, payload, metadata] as const;
    const projections = this.inline.filter((p) => p.streamTypes.includes(request.streamType));
    const forget = request.forgetSubjects ?? [];
    const call = (db: Kysely<any>) =>
      sql<AppendRow>`SELECT * FROM event_store.append_events(${values[0]}::uuid, ${values[1]}, ${values[2]},
        ${values[3]}, ${values[4]}::bigint, ${values[5]}::jsonb, ${values[6]}::jsonb)`
        .execute(db)
        .then((r) => r.rows[0]);
    const run = (): Promise<AppendRow> => {
      if (projections.length === 0 && forget.length === 0) {
        return this.pool ? this.pool.query<AppendRow>({ ...APPEND, values: [...values] }).then((r) => r.rows[0]) : call(this.db);
      }
      return this.db.transaction().execute(async (trx) => {
        const appended = await call(trx);
        if (!appended.duplicate) {
          const events = storedFromAppend(request, appended);
          for (const projection of projections) await projection.apply(trx, events);
          for (const subject of forget) await this.cipher.forget(request.tenant, subject, trx);
        }
        return appended;
      });
    };

    let row: AppendRow;
    let idsSettled = false; // re-run once after ids were stored concurrently
    for (let attempt = 1; ; attempt++) {
      try {
        row = await run();
        break;
      } catch (error) {
        const pgError = error as { code?: string; detail?: string; constraint?: string };
        if (pgError.code === 'ES409') {
          throw new WrongExpectedVersionError(request.streamId, request.expectedVersion, Number(pgError.detail ?? 0));
        }
        if (pgError.code !== '23505') throw error;
        if (pgError.constraint === 'events_event_id') {
          // Another append with some of these ids committed while this one ran. Once more: the
          // duplicate check now sees them (a retry of this append returns its result). A second
          // collision means ids that other appends keep taking: not a clean retry.
          if (idsSettled) throw idConflict(request);
          idsSettled = true;
          continue;
        }
        if (pgError.constraint !== 'events_stream_version') throw error;
        // Another writer took one of these versions (PostgreSQL waited for it to commit).
        const unconditional = request.expectedVersion === 'any' || request.expectedVersion === 'stream_exists';
        if (unconditional && attempt < MAX_UNCONDITIONAL_ATTEMPTS) continue; // the next try starts from its version
        const conflict = await this.conflictState(request);
        if (conflict.idsStored && !idsSettled) {
          // ... an append with (some of) these ids: the re-run returns its result, or refuses a partial overlap.
          idsSettled = true;
          continue;
        }
        throw new WrongExpectedVersionError(request.streamId, request.expectedVersion, conflict.version);
      }
    }

    const positions = row.positions.map(BigInt);
    if (row.duplicate && positions.length !== request.events.length) throw idConflict(request);
    if (!row.duplicate) this.notifier?.changed();
    return { version: Number(row.stream_version), positions, duplicate: row.duplicate };
  }

  /** After a lost race on a version: the stream's version now, and whether any of the request's ids are stored. */
  private async conflictState(request: AppendRequest): Promise<{ version: number; idsStored: boolean }> {
    const ids = request.events.map((e) => e.id);
    const { rows } = await sql<{ version: string | null; ids_stored: boolean }>`
      SELECT (SELECT e.version FROM event_store.events e
              WHERE e.stream_id = ${request.streamId} AND e.tenant_id = ${request.tenant}::uuid
              ORDER BY e.version DESC LIMIT 1) AS version,
             EXISTS (SELECT 1 FROM event_store.events e
                     WHERE e.event_id = ANY(${ids}::uuid[]) AND e.tenant_id = ${request.tenant}::uuid) AS ids_stored`.execute(this.db);
    return { version: Number(rows[0].version ?? 0), idsStored: rows[0].ids_stored };
  }

  /** A stream's events in version order (or reverse), optionally bounded by version or time. */
  async readStream(tenant: string, streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const backwards = options.direction === 'backwards';
    const { rows } = await sql<EventRow>`
      SELECT ${sql.raw(EVENT_COLUMNS)} FROM event_store.events
      WHERE tenant_id = ${tenant}::uuid AND stream_id = ${streamId}
        ${options.fromVersion !== undefined ? sql`AND version >= ${options.fromVersion}` : sql``}
        ${options.toVersion !== undefined ? sql`AND version <= ${options.toVersion}` : sql``}
        ${options.until ? sql`AND recorded_at < ${options.until}::timestamptz + interval '1 millisecond'` : sql``}
      ORDER BY version ${sql.raw(backwards ? 'DESC' : 'ASC')}
      ${options.limit !== undefined ? sql`LIMIT ${options.limit}` : sql``}`.execute(this.db);
    return this.decoder.decode(rows);
  }

  /** Folds a stream into state, as of a version or a time (audit time travel). */
  async aggregateStream<S>(
    tenant: string,
    streamId: string,
    fold: Fold<S>,
    asOf: { toVersion?: number; at?: Date } = {},
  ): Promise<{ state: S; version: number }> {
    const events = await this.readStream(tenant, streamId, { toVersion: asOf.toVersion, until: asOf.at });
    return {
      state: events.reduce(fold.evolve, fold.initial),
      version: events.length === 0 ? 0 : events[events.length - 1].version,
    };
  }

  /**
   * Events after a checkpoint in commit order. Only transactions older than
   * every one still running are read, so a late commit is never skipped.
   */
  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    return this.decoder.decode(await this.readAllRows(options));
  }

  /** Raw rows in commit order (for readers that decode themselves). */
  async readAllRows(options: ReadAllOptions = {}, db: Kysely<any> = this.db): Promise<EventRow[]> {
    const after = options.after ?? START;
    const types = options.streamTypes && options.streamTypes.length > 0 ? options.streamTypes : undefined;
    // ORDER BY is qualified: a bare `transaction_id` there names the `::text` output column, which
    // sorts as text ('10' < '9') and rules out the (transaction_id, global_position) indexes.
    const { rows } = await sql<EventRow>`
      SELECT ${sql.raw(EVENT_COLUMNS)} FROM event_store.events
      WHERE (transaction_id, global_position) > (${after.transactionId.toString()}::xid8, ${after.position.toString()}::bigint)
        ${options.horizon === 'visible' ? sql`` : sql`AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())`}
        ${types ? sql`AND stream_type = ANY(${types}::text[])` : sql``}
        ${options.tenant ? sql`AND tenant_id = ${options.tenant}::uuid` : sql``}
      ORDER BY events.transaction_id, events.global_position
      LIMIT ${options.limit ?? 1000}`.execute(db);
    return rows;
  }

  decode(rows: readonly EventRow[]): Promise<StoredEvent[]> {
    return this.decoder.decode(rows);
  }

  /** How many committed events lie after a checkpoint (consumer lag). */
  async countAfter(after: Checkpoint, streamTypes?: readonly string[]): Promise<number> {
    const types = streamTypes && streamTypes.length > 0 ? streamTypes : undefined;
    const { rows } = await sql<{ count: string }>`
      SELECT count(*) AS count FROM event_store.events
      WHERE (transaction_id, global_position) > (${after.transactionId.toString()}::xid8, ${after.position.toString()}::bigint)
        ${types ? sql`AND stream_type = ANY(${types}::text[])` : sql``}`.execute(this.db);
    return Number(rows[0].count);
  }

  /** Forgets a data subject: its personal fields read as erased everywhere from now on. */
  forgetSubject(tenant: string, subject: string): Promise<boolean> {
    return this.cipher.forget(tenant, subject);
  }

  private async encode(tenant: string, event: NewEvent) {
    const data = event.personal
      ? await this.cipher.sealFields(tenant, event.personal.subject, event.personal.fields, event.data)
      : event.data;
    return { id: event.id, type: event.type, schemaVersion: event.schemaVersion ?? 1, data, subject: event.personal?.subject };
  }
}

function encodeExpected(expected: ExpectedVersion): [string, number] {
  if (typeof expected === 'number') return ['exact', expected];
  return [expected, -1];
}

const idConflict = (request: AppendRequest) =>
  new EventIdConflictError('Some of these event ids are stored already, in another append', { streamId: request.streamId });

function assertAppendable(request: AppendRequest): void {
  if (request.events.length === 0) throw new Error('append needs at least one event');
  const ids = new Set<string>();
  for (const event of request.events) {
    if (!UUID.test(event.id)) throw new Error(`event id must be a UUID, got "${event.id}"`);
    const id = event.id.toLowerCase();
    if (ids.has(id)) throw new Error(`event id ${event.id} appears twice in one append`);
    ids.add(id);
  }
  if (typeof request.expectedVersion === 'number' && (!Number.isInteger(request.expectedVersion) || request.expectedVersion < 0)) {
    throw new Error(`expected version must be a whole number >= 0, got ${request.expectedVersion}`);
  }
}

/** The events just appended, as readers will see them (plaintext: the writer had it). */
function storedFromAppend(request: AppendRequest, row: AppendRow): StoredEvent[] {
  const first = Number(row.stream_version) - request.events.length + 1;
  return request.events.map((event, index) => ({
    tenant: request.tenant,
    streamId: request.streamId,
    streamType: request.streamType,
    version: first + index,
    position: BigInt(row.positions[index]),
    transactionId: BigInt(row.transaction_id),
    id: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion ?? 1,
    data: event.data,
    metadata: request.metadata,
    recordedAt: row.recorded_at,
    erasedFields: [],
  }));
}

/** A fresh event id, for writers that have no natural one. */
export const newEventId = (): string => randomUUID();
