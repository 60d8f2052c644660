import { parse } from 'csv-parse/sync';
import { KboExtractError } from './kbo-load.errors';

/** A column of a kbo table, as the catalog describes it. */
export interface KboTableColumn {
  readonly name: string;
  /** NOT NULL without a default: a file without it cannot be loaded. */
  readonly required: boolean;
}

/** How COPY reads one file: a target column per header field, in header order. */
export interface KboCopyColumns {
  /** The table's column for each field; a placeholder (one of `ignored`) for a field the table does not have. */
  readonly columns: readonly string[];
  /** Placeholder text columns that take the unknown fields, dropped after the COPY. */
  readonly ignored: readonly string[];
}

/** Prefix of the placeholder columns: no kbo column starts with it. */
const IGNORED_PREFIX = 'kbo_ignored_';

/** `JuridicalFormCAC` -> `juridical_form_cac`, `CountryNL` -> `country_nl`, `Zipcode` -> `zipcode`: the schema's naming of the headers. */
export function snakeCase(header: string): string {
  return header
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** `enterprise_number` -> `EnterpriseNumber`: how a file names a column, for messages. */
export function headerName(column: string): string {
  return column.replace(/(^|_)([a-z])/g, (_, __, letter: string) => letter.toUpperCase());
}

/** The fields of a file's first line (a UTF-8 BOM and the line end removed). */
export function parseHeaderLine(file: string, line: string): string[] {
  let records: string[][];
  try {
    records = parse(line, { bom: true, relax_column_count: true });
  } catch (error) {
    throw new KboExtractError(file, 1, `unreadable header: ${(error as Error).message}`);
  }
  const fields = records[0];
  if (records.length !== 1 || !fields || fields.every((field) => field.trim() === '')) {
    throw new KboExtractError(file, 1, 'no header line');
  }
  return fields;
}

/**
 * Maps a file's header to the table's columns by name (so the order of the
 * fields does not matter). Fields the table does not have get a placeholder;
 * a column the table requires must be there, and no column twice.
 */
export function mapKboHeader(file: string, headers: readonly string[], tableColumns: readonly KboTableColumn[]): KboCopyColumns {
  const known = new Set(tableColumns.map((column) => column.name));
  const seen = new Set<string>();
  const ignored: string[] = [];
  const columns = headers.map((header, index) => {
    const column = snakeCase(header);
    if (!known.has(column)) {
      const placeholder = `${IGNORED_PREFIX}${index + 1}`;
      ignored.push(placeholder);
      return placeholder;
    }
    if (seen.has(column)) throw new KboExtractError(file, 1, `column ${header.trim()} appears twice in the header`);
    seen.add(column);
    return column;
  });
  const missing = tableColumns.filter((column) => column.required && !seen.has(column.name)).map((column) => headerName(column.name));
  if (missing.length > 0) {
    throw new KboExtractError(file, 1, `missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} in the header ${JSON.stringify(headers.join(','))}`);
  }
  return { columns, ignored };
}
