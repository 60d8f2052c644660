import type { Command } from 'commander';
import {
  KboExtractError,
  KboExtractRefusedError,
  KboLoader,
  type KboLoadProgress,
  type KboLoadResult,
  readKboStatus,
} from '@cm/company-registry';
import { CliError } from '../cli-error';
import type { CliContext, WithContext } from '../cli-context';
import { examples, out, progressBar, table } from '../output';

const MB = 1024 * 1024;
/** The longest file name (`establishment_insert.csv`), so that the bar does not jump between files. */
const LABEL_WIDTH = 24;
const EXAMPLE_EXTRACT = 'KboOpenData_0140_2026_11_Full.zip';

/** `registry load-kbo|status`: the offline copy of the Belgian company registry (KBO Open Data). */
export function registerRegistryCommands(program: Command, withContext: WithContext): void {
  const registry = program
    .command('registry')
    .description('the company registries: load the Belgian KBO open data that lookups read first, and see what is loaded')
    .addHelpText('after', examples(`registry load-kbo ~/Downloads/${EXAMPLE_EXTRACT}`, 'registry status'));

  registry
    .command('load-kbo')
    .summary('load a KBO Open Data extract (full or update) into the database')
    .description(
      'Load a KBO Open Data extract (the monthly full one, or an update) into the database, in one transaction. ' +
        'A full extract replaces the loaded data; lookups keep reading the previous data until it is done. ' +
        'An update applies its deletes, then its inserts. The same extract twice changes nothing; an extract ' +
        'older than the loaded data, or an update before any full extract, is refused. A malformed file ' +
        'changes nothing and is reported with its file and line. Progress goes to stderr.',
    )
    .argument('<extract>', `the zip as downloaded (${EXAMPLE_EXTRACT}, or ..._Update.zip), or a folder of its CSV files`)
    .addHelpText(
      'after',
      examples(
        `registry load-kbo ~/Downloads/${EXAMPLE_EXTRACT}`,
        'registry load-kbo ~/Downloads/KboOpenData_0141_2026_12_Update.zip',
        'registry load-kbo ./kbo-extract/',
      ),
    )
    .action((path: string) => withContext((context) => loadKbo(context, path)));

  registry
    .command('status')
    .description('list the KBO extracts loaded (number, type, snapshot date, loaded at) and the rows per table')
    .addHelpText('after', examples('registry status'))
    .action(() => withContext(status));
}

async function loadKbo(context: CliContext, path: string): Promise<void> {
  const bar = progressBar('{file} [{bar}] {percentage}% | {done}/{size} MB');
  const onProgress = ({ file, bytesDone, bytesTotal }: KboLoadProgress) =>
    bar.update(bytesDone, bytesTotal, {
      // Once every file is read, what is left is the index build and the swap (full) or the commit.
      file: (bytesDone >= bytesTotal ? 'finishing' : file).padEnd(LABEL_WIDTH),
      done: (bytesDone / MB).toFixed(1),
      size: (bytesTotal / MB).toFixed(1),
    });

  let result: KboLoadResult;
  try {
    result = await new KboLoader(context.database.pool).load(path, { onProgress });
  } catch (error) {
    bar.stop();
    if (error instanceof KboExtractError) throw new CliError(`${error.message} (nothing was loaded; the data loaded before is unchanged)`);
    if (error instanceof KboExtractRefusedError) throw new CliError(`${error.message}; nothing changed`);
    throw error;
  }
  bar.stop();

  const extract = `KBO ${result.extractType} extract ${result.extractNumber} (snapshot ${result.snapshotDate})`;
  if (result.status === 'already-loaded') {
    out(`${extract} is already loaded, nothing changed`);
    return;
  }
  out(`Loaded ${extract} in ${(result.durationMs / 1000).toFixed(1)} s:`);
  const width = Math.max(...Object.keys(result.rows).map((table) => table.length));
  for (const [table, rows] of Object.entries(result.rows)) out(`  ${table.padEnd(width)}  ${rows.toLocaleString('en-US').padStart(11)} rows`);
}

async function status(context: CliContext): Promise<void> {
  const { extracts, rows } = await readKboStatus(context.database.pool);
  if (extracts.length === 0) {
    out(`No KBO extract loaded yet: npm run cli -- registry load-kbo <${EXAMPLE_EXTRACT}>`);
    return;
  }
  const loaded = table(['number', 'type', 'snapshot date', 'loaded at']);
  for (const extract of extracts) loaded.push([extract.extractNumber, extract.extractType, extract.snapshotDate, extract.loadedAt.toISOString()]);
  out(`KBO extracts loaded (oldest first):`);
  out(loaded.toString());
  const counts = table(['table', 'rows'], { colAligns: ['left', 'right'] });
  for (const [table, count] of Object.entries(rows)) counts.push([`kbo.${table}`, count.toLocaleString('en-US')]);
  out(counts.toString());
}
