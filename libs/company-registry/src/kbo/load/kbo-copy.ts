import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type KboCopyTarget, kboCopyError } from './kbo-copy-error';
import type { KboExtractSource } from './kbo-extract-source';
import { type KboCopyColumns, type KboTableColumn, mapKboHeader, parseHeaderLine } from './kbo-header';
import { type KboFileStream, splitHeader } from './kbo-file-stream';
import type { KboProgressReporter } from './kbo-progress';

/** A double-quoted SQL identifier (the names come from the catalog and from fixed text, quoted all the same). */
export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** One data file of the extract, opened at its header and mapped to a table's columns. */
export interface KboOpenedFile extends KboCopyColumns {
  readonly file: string;
  readonly stream: KboFileStream;
}

/** Opens `file`, reads its header and maps it to `tableColumns` (KboExtractError on a missing or doubled column). */
export async function openKboFile(
  source: KboExtractSource,
  file: string,
  tableColumns: readonly KboTableColumn[],
  progress: KboProgressReporter,
): Promise<KboOpenedFile> {
  const raw = await source.open(file);
  const stream = await splitHeader(file, raw, progress.counter(file));
  try {
    return { file, stream, ...mapKboHeader(file, parseHeaderLine(file, stream.headerLine), tableColumns) };
  } catch (error) {
    raw.destroy();
    throw error;
  }
}

/**
 * Streams the file's bytes, as they are, into `COPY <relation> (<columns in
 * header order>) FROM STDIN (FORMAT csv, HEADER true)`: PostgreSQL parses the
 * CSV, Node only passes bytes on. Returns the rows copied; a failure becomes a
 * KboExtractError naming the file and line.
 */
export async function copyKboFile(
  client: PoolClient,
  relation: string,
  opened: KboOpenedFile,
  target: KboCopyTarget,
  options: { freeze?: boolean } = {},
): Promise<number> {
  const columns = opened.columns.map(ident).join(', ');
  const copy = client.query(
    copyFrom(`COPY ${relation} (${columns}) FROM STDIN (FORMAT csv, HEADER true${options.freeze ? ', FREEZE true' : ''})`),
  );
  try {
    await pipeline(opened.stream.bytes, copy);
  } catch (error) {
    throw kboCopyError(error, new Map([[unqualified(relation), target]]), target);
  }
  return copy.rowCount;
}

/** `kbo."enterprise_next"` -> `enterprise_next`: how PostgreSQL names the relation in a COPY error. */
const unqualified = (relation: string): string => relation.slice(relation.lastIndexOf('.') + 1).replace(/^"|"$/g, '').replace(/""/g, '"');
