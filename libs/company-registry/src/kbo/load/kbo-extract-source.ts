import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { KboExtractError } from './kbo-load.errors';

/** The files of an extract, found by base name (lower case): a zip's entries or a folder's files. */
export interface KboExtractSource {
  /** The extract's own name (`KboOpenData_0140_2026_11_Full.zip`), for messages. */
  readonly name: string;
  has(file: string): boolean;
  /** Uncompressed bytes. */
  size(file: string): number;
  /** The file's bytes as they are (no BOM handling, no decoding). */
  open(file: string): Promise<Readable>;
  /** Destroys the streams still open (a load that failed half-way) and closes the zip. */
  close(): void;
}

/** Reads a bigger chunk than the 64 KiB default: fewer, larger writes to PostgreSQL. */
const READ_CHUNK = 256 * 1024;

/** Opens a zip (read in place, entry by entry) or a folder of CSV files. */
export async function openKboExtract(path: string): Promise<KboExtractSource> {
  const name = basename(path);
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new KboExtractError(name, undefined, `no such file or folder: ${path}`);
  if (info.isDirectory()) return openFolder(path);
  try {
    return await openZip(path);
  } catch (error) {
    if (error instanceof KboExtractError) throw error;
    throw new KboExtractError(name, undefined, `not a readable zip file: ${(error as Error).message}`);
  }
}

/** The streams opened and not yet closed, so that close() leaves no file open. */
class OpenStreams {
  private readonly streams = new Set<Readable>();

  track(stream: Readable): Readable {
    this.streams.add(stream);
    stream.once('close', () => this.streams.delete(stream));
    return stream;
  }

  destroyAll(): void {
    for (const stream of this.streams) stream.destroy();
    this.streams.clear();
  }
}

async function openFolder(path: string): Promise<KboExtractSource> {
  const files = new Map<string, { path: string; size: number }>();
  for (const entry of await readdir(path, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(path, entry.name);
    files.set(entry.name.toLowerCase(), { path: file, size: (await stat(file)).size });
  }
  const streams = new OpenStreams();
  return {
    name: basename(path),
    has: (file) => files.has(file),
    size: (file) => files.get(file)?.size ?? 0,
    open: async (file) => streams.track(createReadStream(found(files, file, path).path, { highWaterMark: READ_CHUNK })),
    close: () => streams.destroyAll(),
  };
}

async function openZip(path: string): Promise<KboExtractSource> {
  const name = basename(path);
  const zip = await yauzl.openPromise(path, { autoClose: false, lazyEntries: true });
  const entries = new Map<string, yauzl.Entry>();
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      // Any folder inside the zip: the files are known by their base name.
      const file = entry.fileName.slice(entry.fileName.lastIndexOf('/') + 1).toLowerCase();
      if (entries.has(file)) throw new KboExtractError(name, undefined, `${file} is in the zip twice (${entries.get(file)?.fileName}, ${entry.fileName})`);
      entries.set(file, entry);
    }
  } catch (error) {
    zip.close();
    throw error;
  }
  const streams = new OpenStreams();
  return {
    name,
    has: (file) => entries.has(file),
    size: (file) => entries.get(file)?.uncompressedSize ?? 0,
    open: async (file) => {
      const entry = found(entries, file, path);
      try {
        return streams.track(await zip.openReadStreamPromise(entry));
      } catch (error) {
        throw new KboExtractError(file, undefined, `cannot read it from ${name}: ${(error as Error).message}`);
      }
    },
    close: () => {
      streams.destroyAll();
      zip.close();
    },
  };
}

function found<T>(files: ReadonlyMap<string, T>, file: string, path: string): T {
  const entry = files.get(file);
  if (!entry) throw new KboExtractError(file, undefined, `missing from the extract ${basename(path)}`);
  return entry;
}
