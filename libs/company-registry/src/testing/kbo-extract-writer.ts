import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';

/**
 * Writes a KBO Open Data extract the way the official one is written (see
 * external-systems.md, "KBO Open Data"): meta.csv plus enterprise,
 * establishment, denomination and address CSV files (an update:
 * `<table>_delete.csv` with the key column and `<table>_insert.csv`), comma
 * separated, text quoted with `"`, the header quoted, dates `dd-mm-yyyy`
 * unquoted, empty values as adjacent commas. Rows are pulled from (async)
 * iterables one at a time and streamed to disk, so millions of generated
 * rows never sit in memory. A target ending in `.zip` becomes a zip,
 * anything else a folder.
 */

export interface KboExtractMeta {
  readonly extractNumber: number;
  readonly extractType: 'full' | 'update';
  /** `YYYY-MM-DD` (written dd-mm-yyyy, as meta.csv does). */
  readonly snapshotDate: string;
  readonly version?: string;
  /** Written as is; default: the snapshot date at 06:00:00. */
  readonly extractTimestamp?: string;
}

/** Numbers: 10 digits (written `0403.019.261`), or any other text written as it is (to write a malformed one). */
export interface KboEnterpriseRow {
  readonly enterpriseNumber: string;
  readonly status?: string;
  readonly juridicalSituation?: string;
  readonly typeOfEnterprise?: '0' | '1' | '2';
  readonly juridicalForm?: string;
  readonly juridicalFormCAC?: string;
  /** dd-mm-yyyy. */
  readonly startDate?: string;
}

export interface KboEstablishmentRow {
  /** 10 digits starting 2-8, written `2.123.456.789`. */
  readonly establishmentNumber: string;
  readonly enterpriseNumber: string;
  /** dd-mm-yyyy. */
  readonly startDate?: string;
}

export interface KboDenominationRow {
  /** An enterprise or establishment number. */
  readonly entityNumber: string;
  /** 0 unknown, 1 FR, 2 NL, 3 DE, 4 EN. */
  readonly language: '0' | '1' | '2' | '3' | '4';
  /** 001 legal name, 002 abbreviation, 003 commercial name, 004 branch name. */
  readonly typeOfDenomination: '001' | '002' | '003' | '004';
  readonly denomination: string;
}

export interface KboAddressRow {
  readonly entityNumber: string;
  readonly typeOfAddress: 'REGO' | 'BAET' | 'ABBR' | 'OBAD';
  readonly countryNL?: string;
  readonly countryFR?: string;
  readonly zipcode?: string;
  readonly municipalityNL?: string;
  readonly municipalityFR?: string;
  readonly streetNL?: string;
  readonly streetFR?: string;
  readonly houseNumber?: string;
  readonly box?: string;
  readonly extraAddressInfo?: string;
  /** dd-mm-yyyy. */
  readonly dateStrikingOff?: string;
}

/** A row keyed by the file's header names (`EnterpriseNumber`), written verbatim: for rows the typed shapes cannot express. */
export type KboCsvRow = Readonly<Record<string, string | null | undefined>>;

export type KboRows<T> = Iterable<T | KboCsvRow> | AsyncIterable<T | KboCsvRow>;
export type KboKeys = Iterable<string> | AsyncIterable<string>;

/** The rows of each file; a table left out is written with its header only. For an update, the rows are the inserts. */
export interface KboExtractTables {
  readonly enterprise?: KboRows<KboEnterpriseRow>;
  readonly establishment?: KboRows<KboEstablishmentRow>;
  readonly denomination?: KboRows<KboDenominationRow>;
  readonly address?: KboRows<KboAddressRow>;
  /** Update only: the keys of `<table>_delete.csv` (EnterpriseNumber, EstablishmentNumber, EntityNumber). */
  readonly deletes?: { readonly enterprise?: KboKeys; readonly establishment?: KboKeys; readonly denomination?: KboKeys; readonly address?: KboKeys };
}

type KboTableName = 'enterprise' | 'establishment' | 'denomination' | 'address';

/** Departures from the official layout, to write the extracts a loader must cope with or refuse. */
export interface KboExtractWriteOptions {
  /** The header of a table's data file(s), in this order: reordered, with extra fields, or without some. */
  readonly headers?: Partial<Record<KboTableName, readonly string[]>>;
  /** Starts every file with a UTF-8 byte order mark. */
  readonly bom?: boolean;
  /** `\n` (default) or `\r\n`. */
  readonly lineEnd?: '\n' | '\r\n';
  /** Puts the files in this folder inside the zip. */
  readonly folder?: string;
  /** Files written instead of (or besides) the generated ones, by file name, content as is. */
  readonly files?: Readonly<Record<string, string | Buffer>>;
  /** Files left out (`meta.csv`, `address.csv`). */
  readonly omit?: readonly string[];
}

/** The official headers, in the official order. */
export const KBO_HEADERS: Readonly<Record<KboTableName, readonly string[]>> = {
  enterprise: ['EnterpriseNumber', 'Status', 'JuridicalSituation', 'TypeOfEnterprise', 'JuridicalForm', 'JuridicalFormCAC', 'StartDate'],
  establishment: ['EstablishmentNumber', 'StartDate', 'EnterpriseNumber'],
  denomination: ['EntityNumber', 'Language', 'TypeOfDenomination', 'Denomination'],
  address: [
    'EntityNumber', 'TypeOfAddress', 'CountryNL', 'CountryFR', 'Zipcode', 'MunicipalityNL', 'MunicipalityFR',
    'StreetNL', 'StreetFR', 'HouseNumber', 'Box', 'ExtraAddressInfo', 'DateStrikingOff',
  ],
};
const TABLES: readonly KboTableName[] = ['enterprise', 'establishment', 'denomination', 'address'];
const DELETE_KEYS: Readonly<Record<KboTableName, string>> = {
  enterprise: 'EnterpriseNumber',
  establishment: 'EstablishmentNumber',
  denomination: 'EntityNumber',
  address: 'EntityNumber',
};
/** Written unquoted, as the files write dates. */
const DATE_HEADERS = new Set(['StartDate', 'DateStrikingOff']);
const NUMBER_HEADERS = new Set(['EnterpriseNumber', 'EstablishmentNumber', 'EntityNumber']);
/** Lines are gathered into chunks of about this size before they are written. */
const CHUNK_CHARS = 64 * 1024;

type FileContent = () => AsyncGenerator<Buffer>;

export async function writeKboExtract(target: string, meta: KboExtractMeta, tables: KboExtractTables, options: KboExtractWriteOptions = {}): Promise<void> {
  const files = extractFiles(meta, tables, options);
  if (target.toLowerCase().endsWith('.zip')) await writeZip(target, files, options.folder);
  else await writeFolder(target, files);
}

/** `0403019261` -> `0403.019.261`, `2123456789` -> `2.123.456.789`; anything else as it is. */
export function kboNumberText(number: string): string {
  if (!/^\d{10}$/.test(number)) return number;
  return /^[01]/.test(number)
    ? `${number.slice(0, 4)}.${number.slice(4, 7)}.${number.slice(7)}`
    : `${number.slice(0, 1)}.${number.slice(1, 4)}.${number.slice(4, 7)}.${number.slice(7)}`;
}

function extractFiles(meta: KboExtractMeta, tables: KboExtractTables, options: KboExtractWriteOptions): Map<string, FileContent> {
  const lineEnd = options.lineEnd ?? '\n';
  const bom = options.bom ? '\uFEFF' : '';
  const files = new Map<string, FileContent>();
  files.set('meta.csv', () => strings([bom + metaCsv(meta, lineEnd)]));
  for (const table of TABLES) {
    const header = options.headers?.[table] ?? KBO_HEADERS[table];
    const rows = () => csvLines(header, tables[table] ?? [], bom, lineEnd);
    if (meta.extractType === 'full') {
      files.set(`${table}.csv`, rows);
    } else {
      const key = DELETE_KEYS[table];
      files.set(`${table}_delete.csv`, () => csvLines([key], keyRows(key, tables.deletes?.[table] ?? []), bom, lineEnd));
      files.set(`${table}_insert.csv`, rows);
    }
  }
  for (const name of options.omit ?? []) files.delete(name);
  for (const [name, content] of Object.entries(options.files ?? {})) files.set(name, () => strings([content]));
  return files;
}

function metaCsv(meta: KboExtractMeta, lineEnd: string): string {
  const [year, month, day] = meta.snapshotDate.split('-');
  const variables: Array<[string, string]> = [
    ['SnapshotDate', `${day}-${month}-${year}`],
    ['ExtractTimestamp', meta.extractTimestamp ?? `${day}-${month}-${year} 06:00:00`],
    ['ExtractType', meta.extractType],
    ['ExtractNumber', String(meta.extractNumber)],
    ['Version', meta.version ?? '1.0.0'],
  ];
  return [['Variable', 'Value'], ...variables].map((fields) => fields.map(quoted).join(',')).join(lineEnd) + lineEnd;
}

async function* keyRows(key: string, keys: KboKeys): AsyncGenerator<KboCsvRow> {
  for await (const number of keys) yield { [key]: kboNumberText(number) };
}

/** The header line, then one line per row, gathered into chunks. */
async function* csvLines(header: readonly string[], rows: KboRows<object>, bom: string, lineEnd: string): AsyncGenerator<Buffer> {
  let chunk = bom + header.map(quoted).join(',') + lineEnd;
  for await (const row of rows) {
    const fields = csvFields(row as Readonly<Record<string, string | null | undefined>>);
    chunk += header.map((name) => csvValue(name, fields[name])).join(',') + lineEnd;
    if (chunk.length >= CHUNK_CHARS) {
      yield Buffer.from(chunk);
      chunk = '';
    }
  }
  if (chunk) yield Buffer.from(chunk);
}

/** A typed row (`enterpriseNumber`) keyed by header names (`EnterpriseNumber`), its numbers formatted; a CSV row as it is. */
function csvFields(row: Readonly<Record<string, string | null | undefined>>): Readonly<Record<string, string | null | undefined>> {
  const keys = Object.keys(row);
  if (!keys.some((key) => /^[a-z]/.test(key))) return row;
  const fields: Record<string, string | null | undefined> = {};
  for (const key of keys) {
    const name = key[0].toUpperCase() + key.slice(1);
    const value = row[key];
    fields[name] = NUMBER_HEADERS.has(name) && typeof value === 'string' ? kboNumberText(value) : value;
  }
  return fields;
}

function csvValue(header: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  return DATE_HEADERS.has(header) ? value : quoted(value);
}

const quoted = (value: string): string => `"${value.replace(/"/g, '""')}"`;

async function* strings(parts: ReadonlyArray<string | Buffer>): AsyncGenerator<Buffer> {
  for (const part of parts) yield Buffer.isBuffer(part) ? part : Buffer.from(part);
}

async function writeFolder(target: string, files: ReadonlyMap<string, FileContent>): Promise<void> {
  await mkdir(target, { recursive: true });
  for (const [name, content] of files) await pipeline(Readable.from(content()), createWriteStream(join(target, name)));
}

/** Entries are added lazily: yazl asks for each one's stream when the previous is written, so one file is generated at a time. */
async function writeZip(target: string, files: ReadonlyMap<string, FileContent>, folder: string | undefined): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const zip = new yazl.ZipFile();
  const output = createWriteStream(target);
  let failed: (error: Error) => void = () => undefined;
  const failure = new Promise<never>((_, reject) => (failed = reject));
  zip.on('error', (error: Error) => failed(error));
  for (const [name, content] of files) {
    zip.addReadStreamLazy(folder ? `${folder}/${name}` : name, (callback) => {
      const stream = Readable.from(content());
      // yazl pipes the stream without watching it: a failing row source must fail the write.
      stream.on('error', (error) => failed(error));
      callback(null, stream);
    });
  }
  zip.end();
  try {
    await Promise.race([pipeline(zip.outputStream as NodeJS.ReadableStream, output), failure]);
  } catch (error) {
    output.destroy();
    throw error;
  }
}
