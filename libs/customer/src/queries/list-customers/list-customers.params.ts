import { searchWords } from '../../projections/search-terms';

/** Page size when none is asked for. */
export const DEFAULT_LIST_LIMIT = 50;
/** The largest page a caller may ask for. */
export const MAX_LIST_LIMIT = 500;

export const CUSTOMER_TYPES = ['person', 'company'] as const;
export const CUSTOMER_STATUSES = ['active', 'archived', 'forgotten'] as const;

/** What `GET /v1/customers` filters on; every given filter must hold (AND). */
export interface CustomerListFilter {
  /** Exact customer number. */
  readonly customerNumber?: string;
  /** Free text: every word must be the start of a name, company name, e-mail, customer or enterprise number. */
  readonly q?: string;
  readonly type?: (typeof CUSTOMER_TYPES)[number];
  readonly status?: (typeof CUSTOMER_STATUSES)[number];
  /** ISO 3166-1 alpha-2, upper case. */
  readonly country?: string;
  /** Only customers after this id (decoded from the cursor). */
  readonly afterId?: string;
  /** 1 to {@link MAX_LIST_LIMIT}. */
  readonly limit: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The cursor of the page after the one ending at `lastId`: opaque to clients
 * (base64url), though it is only the id, since ids (UUIDv7) sort in creation
 * order and the list is ordered by id.
 */
export function encodeCursor(lastId: string): string {
  return Buffer.from(lastId.toLowerCase(), 'utf8').toString('base64url');
}

/** The id a cursor stands for, or undefined for anything {@link encodeCursor} did not make. */
export function decodeCursor(cursor: string): string | undefined {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(cursor)) return undefined;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  return UUID.test(id) && encodeCursor(id) === cursor ? id : undefined;
}

/** A BE enterprise number typed with dots (`0403.019.261`) is stored as digits only. */
const DOTTED_NUMBER = /^\d+(?:\.\d+)+$/;

/**
 * The `to_tsquery('simple', ...)` text for a search: each word of `q` folded
 * (lower case, no accents, like the indexed text), quoted as a literal and
 * made a prefix (`:*`), all words ANDed. Undefined when `q` has no word.
 */
export function prefixTsQuery(q: string): string | undefined {
  const terms = searchWords(q).map((word) => {
    const literal = prefixLiteral(word);
    return DOTTED_NUMBER.test(word) ? `(${literal} | ${prefixLiteral(word.replace(/\./g, ''))})` : literal;
  });
  return terms.length === 0 ? undefined : terms.join(' & ');
}

/** A tsquery literal: inside single quotes, quotes doubled and backslashes escaped, so no word is read as an operator. */
const prefixLiteral = (word: string): string => `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}':*`;
