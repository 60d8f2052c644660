import { parse } from 'csv-parse/sync';
import { KBO_META_FILE, type KboExtractType } from './kbo-files';
import { KboExtractError } from './kbo-load.errors';

/** What meta.csv says about the extract. */
export interface KboMeta {
  readonly extractNumber: number;
  readonly extractType: KboExtractType;
  /** `YYYY-MM-DD`. */
  readonly snapshotDate: string;
  /** As the file writes it (`08-11-2026 06:12:33`); null when absent. */
  readonly extractTimestamp: string | null;
  readonly version: string | null;
}

/** Far more than the five variables the file holds: anything larger is not a meta.csv. */
export const KBO_META_MAX_BYTES = 64 * 1024;

/** The `integer` column that keeps it. */
const MAX_EXTRACT_NUMBER = 2 ** 31 - 1;

/**
 * Parses meta.csv (`Variable,Value`, a UTF-8 BOM tolerated). Variables are
 * matched by name, case-insensitively; unknown ones are ignored. Throws
 * KboExtractError naming the line of the fault.
 */
export function parseKboMeta(content: string | Buffer): KboMeta {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(content, { bom: true, info: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    const csvError = error as Error & { lines?: number };
    throw new KboExtractError(KBO_META_FILE, csvError.lines, csvError.message);
  }
  const [header, ...rows] = records;
  if (!header) throw new KboExtractError(KBO_META_FILE, 1, 'empty file, expected the header "Variable","Value"');
  if (header.record.length !== 2 || header.record[0].toLowerCase() !== 'variable' || header.record[1].toLowerCase() !== 'value') {
    throw new KboExtractError(KBO_META_FILE, header.info.lines, `expected the header "Variable","Value", found ${JSON.stringify(header.record.join(','))}`);
  }

  const values = new Map<string, { value: string; line: number }>();
  for (const { record, info } of rows) {
    const name = record[0].toLowerCase();
    if (values.has(name)) throw new KboExtractError(KBO_META_FILE, info.lines, `${record[0]} is given twice`);
    values.set(name, { value: record[1], line: info.lines });
  }
  const required = (name: string) => {
    const found = values.get(name.toLowerCase());
    if (!found || found.value === '') throw new KboExtractError(KBO_META_FILE, undefined, `${name} is missing`);
    return found;
  };
  const optional = (name: string) => values.get(name.toLowerCase())?.value || null;

  const type = required('ExtractType');
  const extractType = type.value.toLowerCase();
  if (extractType !== 'full' && extractType !== 'update') {
    throw new KboExtractError(KBO_META_FILE, type.line, `ExtractType must be full or update, got ${JSON.stringify(type.value)}`);
  }
  const number = required('ExtractNumber');
  const extractNumber = Number(number.value);
  if (!/^\d+$/.test(number.value) || extractNumber > MAX_EXTRACT_NUMBER) {
    throw new KboExtractError(KBO_META_FILE, number.line, `ExtractNumber must be a whole number, got ${JSON.stringify(number.value)}`);
  }
  const snapshot = required('SnapshotDate');
  const snapshotDate = isoDate(snapshot.value);
  if (!snapshotDate) throw new KboExtractError(KBO_META_FILE, snapshot.line, `SnapshotDate must be a date dd-mm-yyyy, got ${JSON.stringify(snapshot.value)}`);

  return { extractNumber, extractType, snapshotDate, extractTimestamp: optional('ExtractTimestamp'), version: optional('Version') };
}

/** `07-11-2026` -> `2026-11-07`; null unless it is a real calendar day. */
export function isoDate(ddmmyyyy: string): string | null {
  const match = /^(\d{2})-(\d{2})-(\d{4})$/.exec(ddmmyyyy);
  if (!match) return null;
  const [, day, month, year] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const iso = `${year}-${month}-${day}`;
  return date.toISOString().slice(0, 10) === iso ? iso : null;
}
