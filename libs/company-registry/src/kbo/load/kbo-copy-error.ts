import { KboExtractError } from './kbo-load.errors';

/** What a COPY target stands for: the file read into it, and the kbo table it shows as in messages. */
export interface KboCopyTarget {
  readonly file: string;
  readonly table: string;
}

/** The fields of a PostgreSQL error that say where it happened. */
interface PostgresErrorFields {
  readonly message: string;
  readonly code?: string;
  readonly where?: string;
  readonly detail?: string;
}

/** Longer details (a whole failing row) are cut: the line number finds the rest. */
const MAX_DETAIL = 200;

/**
 * Turns an error raised while a file was read into PostgreSQL into a
 * KboExtractError that names the file and line. PostgreSQL locates a COPY
 * error in `where` (`COPY enterprise_next, line 3, column start_date: "..."`):
 * the relation (a shadow or staging table) is mapped back to its file, and
 * its name in the message to the kbo table. Anything else (a broken zip
 * entry, a failed index build) names `fallback`'s file without a line.
 */
export function kboCopyError(error: unknown, targets: ReadonlyMap<string, KboCopyTarget>, fallback: KboCopyTarget): KboExtractError {
  if (error instanceof KboExtractError) return error;
  const fields = postgresFields(error);
  if (!fields) return new KboExtractError(fallback.file, undefined, error instanceof Error ? error.message : String(error));

  const located = /^COPY ("(?:[^"]|"")+"|[^,\s]+), line (\d+)(?:, column ([^:]+))?/m.exec(fields.where ?? '');
  const relation = located ? unquote(located[1]) : undefined;
  const target = (relation && targets.get(relation)) || fallback;
  let reason = fields.message;
  for (const [name, { table }] of targets) reason = reason.split(`"${name}"`).join(`"${table}"`);
  const column = located?.[3];
  if (column && !reason.includes(column)) reason += ` (column ${column})`;
  if (fields.detail) reason += `: ${shorten(fields.detail)}`;
  return new KboExtractError(target.file, located ? Number(located[2]) : undefined, reason);
}

function postgresFields(error: unknown): PostgresErrorFields | undefined {
  if (!(error instanceof Error)) return undefined;
  const candidate = error as Error & Partial<PostgresErrorFields> & { severity?: unknown };
  // pg's DatabaseError: a five-character SQLSTATE and a severity.
  if (typeof candidate.code !== 'string' || !/^[0-9A-Z]{5}$/.test(candidate.code) || candidate.severity === undefined) return undefined;
  return { message: candidate.message, code: candidate.code, where: candidate.where, detail: candidate.detail };
}

const unquote = (identifier: string): string => (identifier.startsWith('"') ? identifier.slice(1, -1).replace(/""/g, '"') : identifier);
const shorten = (text: string): string => (text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text);
