import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { ApiKeyService, platformMigrations } from '@cm/platform';
import { EventStore, eventStoreMigrations, newEventId } from '@cm/event-store';
import { buildCliIfMissing, type CliEnvironment, collectCli, runCli, startCli } from '../setup/cli-process';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';

/**
 * The operator CLI as an operator runs it: the compiled entry point in a child
 * process, against a fresh database, reading only its exit code, stdout and stderr.
 */

const MASTER_KEY = randomBytes(32).toString('hex');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let testDb: TestDatabase;
let store: EventStore;
let dataDir: string;

const environment = (): CliEnvironment => ({ databaseUrl: testDb.url, masterKey: MASTER_KEY, dataDir });
const cli = (...args: string[]) => runCli(environment(), ...args);

const lines = (text: string): string[] => text.split('\n').filter((line) => line.trim() !== '');
const lastLine = (text: string): string => lines(text).at(-1) ?? '';

async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function append(tenant: string, streamId: string, types: readonly string[], personal = false): Promise<void> {
  await store.append({
    tenant,
    streamId,
    streamType: 'customer',
    expectedVersion: 'any',
    events: types.map((type, index) => ({
      id: newEventId(),
      type,
      data: { name: `Ann ${index}`, index },
      personal: personal ? { subject: `${streamId}-subject`, fields: ['name'] } : undefined,
    })),
    metadata: { correlationId: `corr-${streamId}`, actor: { type: 'api-key', id: 'key-1' } },
  });
}

const countEvents = async () =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM event_store.events`.execute(testDb.database.db)).rows[0].n);

/** The cells of the table row that starts with `name`. */
function tableRow(table: string, name: string): string[] {
  const row = table.split('\n').find((line) => line.includes(` ${name} `));
  if (!row) throw new Error(`no row ${name} in\n${table}`);
  return row
    .split('│')
    .slice(1, -1)
    .map((cell) => cell.trim());
}

beforeAll(async () => {
  buildCliIfMissing();
  dataDir = mkdtempSync(join(tmpdir(), 'cm-cli-e2e-'));
  testDb = await createTestDatabase([platformMigrations, eventStoreMigrations]);
  store = new EventStore({ db: testDb.database.db, masterKey: Buffer.from(MASTER_KEY, 'hex') });
}, 240_000);

afterAll(async () => {
  await testDb?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('cli --help', () => {
  it('lists every command group and how to run them, exit 0', async () => {
    const result = await cli('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: npm run cli -- [options] [command]');
    for (const command of ['events', 'projections', 'org', 'api-key']) expect(result.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect(result.stdout).toContain('Examples:');
  });

  it('describes a sub-command with its options and examples, exit 0', async () => {
    const tail = await cli('events', 'tail', '--help');
    expect(tail.code).toBe(0);
    expect(tail.stdout).toContain('Usage: npm run cli -- events tail [options]');
    expect(tail.stdout).toContain('--follow');
    expect(tail.stdout).toContain('$ npm run cli -- events tail');

    const projections = await cli('projections', '--help');
    expect(projections.code).toBe(0);
    for (const command of ['list', 'rebuild', 'resume']) expect(projections.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
  });

  it('rejects an unknown command with a non-zero exit', async () => {
    const result = await cli('frobnicate');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("unknown command 'frobnicate'");
    expect(result.stdout).toBe('');
  });
});

describe('org create and api-key create', () => {
  let acmeId: string;

  it('creates an organization and prints its id on the last line', async () => {
    const result = await cli('org', 'create', 'acme');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    acmeId = lastLine(result.stdout);
    expect(acmeId).toMatch(UUID);
    const row = await testDb.database.db.selectFrom('platform.organizations').select('name').where('id', '=', acmeId).executeTakeFirst();
    expect(row).toEqual({ name: 'acme' });
  });

  it('refuses a name that is taken, with a plain message and exit 1', async () => {
    const result = await cli('org', 'create', 'acme');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(lines(result.stderr)).toEqual(['error: An organization named "acme" already exists']);
  });

  it('refuses an invalid name with exit 1', async () => {
    const result = await cli('org', 'create', 'Not_Valid');
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toContain('Invalid organization name');
  });

  it('creates an API key: an explanation, then the key alone on the last line, and the key authenticates', async () => {
    const result = await cli('api-key', 'create', '--org', 'acme');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(lines(result.stdout).length).toBeGreaterThan(1);
    const key = lastLine(result.stdout);
    expect(key).toMatch(/^cm_live_\S+$/);

    const tenant = await new ApiKeyService(testDb.database).authenticate(key);
    expect(tenant).toMatchObject({ organizationId: acmeId, organizationName: 'acme' });
  });

  it('refuses a key for an unknown organization with exit 1', async () => {
    const result = await cli('api-key', 'create', '--org', 'nobody');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(lines(result.stderr)).toEqual(['error: No organization named "nobody"']);
  });
});

describe('events, projections', () => {
  let acme: string;
  let beta: string;
  const stranger = randomUUID(); // a tenant without an organization row

  beforeAll(async () => {
    acme = lastLine((await cli('org', 'create', 'events-acme')).stdout);
    beta = lastLine((await cli('org', 'create', 'events-beta')).stdout);
    await append(acme, 'customer-1', ['PersonCustomerCreated', 'CustomerRenamed', 'CustomerEmailChanged'], true);
    await append(beta, 'shared-id', ['PersonCustomerCreated']);
    await append(acme, 'shared-id', ['PersonCustomerCreated']);
    await append(stranger, 'customer-9', ['CompanyCustomerCreated']);
  });

  it('events tail prints the latest events in commit order, one line each', async () => {
    const result = await cli('events', 'tail');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const printed = lines(result.stdout);
    expect(printed).toHaveLength(await countEvents());
    expect(printed[0]).toMatch(
      /^\d+ {2}\d{4}-\d\d-\d\dT\S+Z {2}events-acme {2}customer\/customer-1@1 {2}PersonCustomerCreated {2}api-key:key-1$/,
    );
    expect(printed.at(-1)).toContain(`  ${stranger}  customer/customer-9@1  CompanyCustomerCreated  `);
    const positions = printed.map((line) => Number(line.split('  ')[0]));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('events tail --limit keeps the latest N, --org and --type filter', async () => {
    const limited = lines((await cli('events', 'tail', '--limit', '2')).stdout);
    expect(limited).toHaveLength(2);
    expect(limited[0]).toContain('events-acme  customer/shared-id@1');
    expect(limited[1]).toContain('customer/customer-9@1');

    const acmeOnly = lines((await cli('events', 'tail', '--org', 'events-acme')).stdout);
    expect(acmeOnly).toHaveLength(4);
    expect(acmeOnly.every((line) => line.includes('  events-acme  '))).toBe(true);

    expect((await cli('events', 'tail', '--type', 'no-such-type')).stdout).toBe('');
    const unknownOrg = await cli('events', 'tail', '--org', 'nobody');
    expect(unknownOrg.code).toBe(1);
  });

  it('events tail --follow prints events appended later, and stops cleanly on SIGINT', async () => {
    const child = startCli(environment(), ['events', 'tail', '--follow', '--limit', '1']);
    const run = collectCli(child);
    await until(() => run.stderr().includes('Ctrl-C'), 'the follow prompt');
    await until(() => lines(run.stdout()).length === 1, 'the latest event');
    await append(acme, 'customer-2', ['PersonCustomerCreated', 'CustomerRenamed']);
    await until(() => run.stdout().includes('customer/customer-2@2  CustomerRenamed'), 'the appended events');
    child.kill('SIGINT');
    expect(await run.done).toBe(0);
    expect(lines(run.stdout())).toHaveLength(3);
  });

  it('events stream prints a stream with version, type, time, actor, correlation id and data', async () => {
    const result = await cli('events', 'stream', 'customer-1');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('customer/customer-1 in events-acme: 3 events');
    expect(result.stdout).toMatch(/^@1 {2}PersonCustomerCreated {2}\d{4}-\d\d-\d\dT\S+Z$/m);
    expect(result.stdout).toMatch(/^@3 {2}CustomerEmailChanged /m);
    expect(result.stdout).toContain('actor        api-key:key-1');
    expect(result.stdout).toContain('correlation  corr-customer-1');
    expect(result.stdout).toContain('"name": "Ann 0"'); // personal data, decrypted with the master key

    const json = await cli('events', 'stream', 'customer-1', '--json');
    const events = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
    expect(events.map((e) => [e.version, e.type])).toEqual([
      [1, 'PersonCustomerCreated'],
      [2, 'CustomerRenamed'],
      [3, 'CustomerEmailChanged'],
    ]);
    expect(events[1]).toMatchObject({
      organization: 'events-acme',
      correlationId: 'corr-customer-1',
      actor: { type: 'api-key', id: 'key-1' },
      data: { name: 'Ann 1', index: 1 },
    });
  });

  it('events stream asks for --org when several organizations have the stream id', async () => {
    const ambiguous = await cli('events', 'stream', 'shared-id');
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain('events-acme');
    expect(ambiguous.stderr).toContain('events-beta');
    expect(ambiguous.stderr).toContain('--org');

    const chosen = await cli('events', 'stream', 'shared-id', '--org', 'events-beta');
    expect(chosen.code).toBe(0);
    expect(chosen.stdout).toContain('customer/shared-id in events-beta: 1 event');
  });

  it('events stream of an unknown stream: message on stderr, exit 1', async () => {
    const result = await cli('events', 'stream', 'no-such-stream');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(lines(result.stderr)).toEqual(['error: No stream "no-such-stream"']);
    expect((await cli('events', 'stream', 'customer-1', '--org', 'events-beta')).code).toBe(1);
  });

  it('projections list shows audit-log with its lag', async () => {
    const result = await cli('projections', 'list');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const [name, position, lag, status] = tableRow(result.stdout, 'audit-log');
    expect({ name, position, lag: Number(lag), status }).toEqual({ name: 'audit-log', position: '0', lag: await countEvents(), status: 'new' });
  });

  it('projections rebuild audit-log replays every event and reports completion', async () => {
    const total = await countEvents();
    const result = await cli('projections', 'rebuild', 'audit-log');
    expect(result.code).toBe(0);
    expect(lastLine(result.stdout)).toMatch(new RegExp(`^Rebuilt projection audit-log: ${total} events in \\d+\\.\\d s$`));

    const rows = await sql<{ n: string }>`SELECT count(*) AS n FROM event_store.audit_log`.execute(testDb.database.db);
    expect(Number(rows.rows[0].n)).toBe(total);
    const [, , lag, status] = tableRow((await cli('projections', 'list')).stdout, 'audit-log');
    expect({ lag, status }).toEqual({ lag: '0', status: 'running' });
  });

  it('projections rebuild of an unknown name lists the known ones, exit 1', async () => {
    const result = await cli('projections', 'rebuild', 'nope');
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual(['error: Unknown projection "nope". Known projections: audit-log, customer-list']);
  });

  it('projections resume restarts a parked projection; an unknown name exits 1', async () => {
    await sql`UPDATE event_store.subscriptions SET status = 'failed', failed_position = 1, error = ${'boom: the read model broke\n  at somewhere'}
      WHERE name = 'audit-log'`.execute(testDb.database.db);
    const parked = tableRow((await cli('projections', 'list')).stdout, 'audit-log');
    expect(parked[3]).toBe('failed');
    expect(parked[4]).toBe('boom: the read model broke');

    const resumed = await cli('projections', 'resume', 'audit-log');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain('Resumed projection audit-log');
    expect(tableRow((await cli('projections', 'list')).stdout, 'audit-log')[3]).toBe('running');

    const unknown = await cli('projections', 'resume', 'nope');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Unknown projection "nope"');
    expect(unknown.stderr).not.toMatch(/^\s+at /m);
  });
});
