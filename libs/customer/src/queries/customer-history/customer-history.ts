import type { StoredEvent } from '@cm/event-store';
import type { CustomerDetailChanges, CustomerEvent, CustomerEventType } from '../../domain/customer.events';
import { CHANGEABLE_FIELDS, type CustomerStatus } from '../../domain/customer.state';

/**
 * One field as an event changed it. Values are as the API shows them (strings
 * or null). `erased`: the value was personal data of a customer who has since
 * been forgotten; it can no longer be read, so `from` and `to` are null.
 */
export interface CustomerFieldChange {
  readonly field: string;
  readonly from: string | null;
  readonly to: string | null;
  /** Present, and true, only for an erased value. */
  readonly erased?: true;
}

/** One event of a customer's audit trail. */
export interface CustomerHistoryEntry {
  readonly eventType: CustomerEventType;
  readonly version: number;
  /** ISO 8601. */
  readonly recordedAt: string;
  readonly actor: { readonly type: string; readonly id: string } | null;
  readonly correlationId: string | null;
  readonly changes: readonly CustomerFieldChange[];
  /** Where the values came from, for a change taken from a registry (CompanyEnriched): `kbo`, `vies`, `kvk`. */
  readonly source?: string;
}

/** The fields a created event sets, in the order the API lists a customer's fields. */
const CREATED_FIELDS = ['customerNumber', ...CHANGEABLE_FIELDS] as const;

/** The fields a change event may carry, in the same order. */
const CHANGED_FIELDS = CHANGEABLE_FIELDS;

/**
 * A customer stream's events as an audit trail, oldest first: who did what,
 * when, and which fields went from what to what. The one mapping the HTTP
 * history and the CLI share. Pure.
 */
export function customerHistory(events: readonly StoredEvent[]): CustomerHistoryEntry[] {
  let status: CustomerStatus | null = null;
  return events.map((stored) => {
    const event = stored as unknown as CustomerEvent;
    const erased = new Set(stored.erasedFields);
    const { changes, statusAfter } = changesOf(event, erased, status);
    status = statusAfter;
    const actor = stored.metadata?.actor;
    return {
      eventType: event.type,
      version: stored.version,
      recordedAt: stored.recordedAt.toISOString(),
      actor: actor ? { type: actor.type, id: actor.id } : null,
      correlationId: stored.metadata?.correlationId ?? null,
      changes,
      ...(event.type === 'CompanyEnriched' ? { source: event.data.source } : {}),
    };
  });
}

type Changes = { changes: CustomerFieldChange[]; statusAfter: CustomerStatus | null };

function changesOf(event: CustomerEvent, erased: ReadonlySet<string>, status: CustomerStatus | null): Changes {
  switch (event.type) {
    case 'PersonCustomerCreated':
    case 'CompanyCustomerCreated': {
      const data = event.data as unknown as Readonly<Record<string, string | null | undefined>>;
      const changes: CustomerFieldChange[] = [change('type', null, event.type === 'PersonCustomerCreated' ? 'person' : 'company')];
      for (const field of CREATED_FIELDS) {
        if (erased.has(field)) changes.push(erasedChange(field));
        else if (data[field] !== undefined && data[field] !== null) changes.push(change(field, null, data[field] ?? null));
      }
      return { changes, statusAfter: 'active' };
    }
    case 'CustomerDetailsChanged':
    case 'CompanyEnriched':
      return { changes: detailChanges(event.data, erased), statusAfter: status };
    case 'CompanyBecamePerson': {
      const { companyName, enterpriseNumber, vatNumber } = event.data;
      const changes = [change('type', 'company', 'person'), change('companyName', companyName, null)];
      // The company-only fields do not survive on a person: cleared with the name.
      if (enterpriseNumber !== null) changes.push(change('enterpriseNumber', enterpriseNumber, null));
      if (vatNumber !== null) changes.push(change('vatNumber', vatNumber, null));
      return { changes, statusAfter: status };
    }
    case 'PersonBecameCompany':
      return { changes: [change('type', 'person', 'company'), change('companyName', null, event.data.companyName)], statusAfter: status };
    case 'CustomerNumberChanged':
      return { changes: [change('customerNumber', event.data.oldCustomerNumber, event.data.newCustomerNumber)], statusAfter: status };
    case 'CustomerArchived':
      return { changes: [change('status', status ?? 'active', 'archived')], statusAfter: 'archived' };
    case 'CustomerRestored':
      return { changes: [change('status', status ?? 'archived', 'active')], statusAfter: 'active' };
    case 'CustomerForgotten':
      return { changes: [change('status', status, 'forgotten')], statusAfter: 'forgotten' };
    default: {
      // A type this code does not know (written by a newer version): shown, without field changes.
      const _never: never = event;
      return { changes: [], statusAfter: status };
    }
  }
}

/** Per field present in a change event, its change; a personal field that can no longer be read is erased. */
function detailChanges(data: CustomerDetailChanges, erased: ReadonlySet<string>): CustomerFieldChange[] {
  const changes: CustomerFieldChange[] = [];
  for (const field of CHANGED_FIELDS) {
    if (!(field in data)) continue;
    const value = data[field];
    // A change read back as null is personal data whose key is gone (listed in erasedFields).
    if (erased.has(field) || value === null) changes.push(erasedChange(field));
    else if (value !== undefined) changes.push(change(field, value.from ?? null, value.to ?? null));
  }
  return changes;
}

const change = (field: string, from: string | null, to: string | null): CustomerFieldChange => ({ field, from, to });

const erasedChange = (field: string): CustomerFieldChange => ({ field, from: null, to: null, erased: true });
