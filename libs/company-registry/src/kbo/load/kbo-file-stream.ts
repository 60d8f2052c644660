import type { Readable } from 'node:stream';
import { KboExtractError } from './kbo-load.errors';

/** A header line longer than this is no header: the file is not CSV. */
const MAX_HEADER_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

/** A file split at its first line: the header, and every byte of the file (header included) for COPY. */
export interface KboFileStream {
  /** The first line, decoded, without its line end. */
  readonly headerLine: string;
  /** All the file's bytes, each chunk counted through `onBytes` as it passes. */
  readonly bytes: AsyncGenerator<Buffer>;
}

/**
 * Reads `source` up to its first line end and hands back the header line and
 * a generator that replays those bytes followed by the rest, untouched: the
 * bytes go on to PostgreSQL as they are (HEADER true skips the first line, BOM
 * and all). Ending the generator early destroys `source`.
 */
export async function splitHeader(file: string, source: Readable, onBytes: (bytes: number) => void): Promise<KboFileStream> {
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head: Buffer[] = [];
  let headBytes = 0;
  let lineEnd = -1;
  try {
    while (lineEnd < 0) {
      const next = await chunks.next();
      if (next.done) break;
      const chunk = next.value;
      const at = chunk.indexOf(NEWLINE);
      if (at >= 0) lineEnd = headBytes + at;
      head.push(chunk);
      headBytes += chunk.length;
      if (lineEnd < 0 && headBytes > MAX_HEADER_BYTES) throw new KboExtractError(file, 1, `no line end in the first ${MAX_HEADER_BYTES} bytes: not a CSV file`);
    }
  } catch (error) {
    source.destroy();
    throw error;
  }
  const all = Buffer.concat(head);
  if (all.length === 0) throw new KboExtractError(file, 1, 'empty file: no header line');
  const headerLine = all.subarray(0, lineEnd < 0 ? all.length : lineEnd).toString('utf8').replace(/\r$/, '');

  async function* bytes(): AsyncGenerator<Buffer> {
    try {
      onBytes(all.length);
      yield all;
      for (;;) {
        const next = await chunks.next();
        if (next.done) return;
        onBytes(next.value.length);
        yield next.value;
      }
    } finally {
      source.destroy();
    }
  }
  return { headerLine, bytes: bytes() };
}
