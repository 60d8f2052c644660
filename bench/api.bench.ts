/**
 * Customer API benchmark: the running API over real HTTP (autocannon, 32
 * connections) against raw `pg` statements at the same concurrency, on the
 * same server and database: create vs a one-row INSERT, get vs a primary-key
 * SELECT; and the latency of list and search with 100,000 customers stored.
 *
 *   npm run bench:api                                  # embedded PostgreSQL in a temp dir
 *   DATABASE_URL=postgres://user@host:5432/db npm run bench:api
 *   BENCH_API_CPU_PROF=/tmp/prof npm run bench:api     # also write the API process's CPU profile there
 *
 * Progress goes to stdout; the last line is one JSON object with the figures.
 * See docs/benchmarks.md for what is measured and how to read it.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type autocannon from 'autocannon';
import { type CustomerCommand, CustomerFacade, newCustomerId } from '@cm/customer';
import { SubscriptionManager } from '@cm/event-store';
import { ApiKeyService, type AppConfig, createDatabase, type Database, loadConfig, migrateToLatest, OrganizationService } from '@cm/platform';
import { createApp } from '../apps/api/src/bootstrap';
import { API_MIGRATIONS } from '../apps/api/src/contexts';
import { type ApiServer, startApiServer } from './lib/api-server';
import { createBenchDatabase } from './lib/bench-database';
import { cleanUpOnInterrupt } from './lib/interrupt';
import { addCpu, cpuSample, type CpuSample, type CpuSpent, cpuSpent, postgresPids } from './lib/cpu-usage';
import { type CustomerBody, customerBody, searchPrefixes } from './lib/customer-data';
import { type HttpLoad, runHttpLoad } from './lib/http-load';
import { type StatementTime, timedDatabase } from './lib/statement-timer';
import { addLoad, type LoadResult, type LoadWindow, NO_LOAD, percentile, runLoad, timed } from './lib/load';

const CONNECTIONS = 32;
/** Each side runs alone this long first (connections, plan caches, JIT), not counted. */
const WARMUP_MS = 1_000;
/** Measured rounds alternate the sides, so drifts of a shared machine hit both alike. */
const ROUNDS = 4;
const ROUND_RAMP_MS = 250;
const ROUND_MS = 2_000;
/** BENCH_API_CUSTOMERS overrides it for a quick trial run; the figures in docs/benchmarks.md are for 100,000. */
const STORED_CUSTOMERS = Number(process.env.BENCH_API_CUSTOMERS) || 100_000;
const LOAD_WRITERS = 32;
const LIST_LIMIT = 50;
/** Each list client pages this many pages from a start point, then starts again elsewhere. */
const LIST_PAGES = 4;
const SEARCH_TEXTS = 500;
const GET_IDS = 20_000;
/** Requests per endpoint in the stage-by-stage timing, one at a time. */
const STAGE_REQUESTS = 200;
const TARGETS = {
  ratios: { create: 0.25, get: 0.5 },
  p99Ms: { create: 50, list: 50, search: 50 },
} as const;

/** The columns `GET /v1/customers/{id}` reads (the read model's, without the search vector). */
const COLUMNS = [
  'tenant_id', 'id', 'type', 'status', 'customer_number', 'first_name', 'last_name', 'company_name', 'enterprise_number',
  'vat_number', 'email', 'mobile', 'language', 'address', 'zip', 'city', 'country', 'version', 'created_at', 'updated_at',
] as const;

const log = (line: string) => process.stdout.write(`${line}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => Math.round(n * 100) / 100;
const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;
const pick = <T>(values: readonly T[]): T => values[Math.floor(Math.random() * values.length)];

interface Api {
  readonly server: ApiServer;
  readonly headers: Record<string, string>;
  /** The database's name, to find its PostgreSQL processes. */
  readonly database: string;
}

async function main(): Promise<void> {
  const started = Date.now();
  const bench = await createBenchDatabase(log, { prefix: 'bench_api' });
  const dataDir = await mkdtemp(join(tmpdir(), 'cm-bench-api-'));
  let database: Database | undefined;
  let server: ApiServer | undefined;
  /** Stops the API, closes the pool, drops the database (and stops an embedded server); safe to call twice. */
  const cleanUp = async () => {
    await server?.stop().catch(() => undefined);
    server = undefined;
    await database?.close().catch(() => undefined);
    database = undefined;
    await bench.dispose().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  };
  const forgetInterrupt = cleanUpOnInterrupt(log, 'stopping the API and dropping the bench database', cleanUp);
  try {
    log(`PostgreSQL ${bench.serverVersion} (${bench.source}), database ${new URL(bench.url).pathname.slice(1)}`);
    database = createDatabase({ url: bench.url, poolSize: CONNECTIONS + 4, applicationName: 'bench-api' });
    await migrateToLatest(database.db, API_MIGRATIONS);
    await createRawTable(database);
    await new OrganizationService(database).createOrganization('bench');
    const key = await new ApiKeyService(database).createApiKey('bench');
    const tenant = key.organizationId;
    const masterKey = randomBytes(32).toString('hex');
    const env = { DATABASE_URL: bench.url, MASTER_KEY: masterKey, DATA_DIR: dataDir, LOG_LEVEL: 'error' };

    const loaded = await loadCustomers(database, { ...loadConfig(env), logLevel: 'error' }, tenant);
    // A long-running system has statistics and a visibility map; the plans should not be those of an unanalysed table.
    await database.pool.query('VACUUM ANALYZE');
    await database.pool.query('CHECKPOINT');

    const cpuProfileDir = process.env.BENCH_API_CPU_PROF || undefined;
    server = await startApiServer(env, { cpuProfileDir });
    const api: Api = {
      server,
      headers: { authorization: `Bearer ${key.key}`, accept: 'application/json' },
      database: new URL(bench.url).pathname.slice(1),
    };
    log(`API (bootstrap, log level error, pool ${loadConfig(env).poolSize}) in process ${server.pid} at ${server.url}`);
    if (cpuProfileDir) log(`  writing its CPU profile to ${cpuProfileDir} when it stops`);

    log(`CPU per request is read from /proc over the measured windows: the API process, this process (autocannon or the raw`);
    log(`side's pg client), PostgreSQL (the bench database's backends and the server's background processes), and the rest`);
    const startCursors = await walkList(api);
    const { list, search } = await listAndSearch(api, startCursors);
    const get = await getById(api, database, tenant, loaded.ids);
    const create = await createCustomers(api, database, tenant);
    await server.stop();
    // The create phase leaves dead tuples, unflushed WAL and autovacuum work behind: settle them first, as before the measurements.
    await database.pool.query('VACUUM ANALYZE');
    await database.pool.query('CHECKPOINT');
    const stages = await stageByStage(bench.url, { ...loadConfig(env), logLevel: 'error' }, api.headers, loaded.ids, startCursors);

    const ratios = { create: ratio(create.reqPerSec, create.rawRowsPerSec), get: ratio(get.reqPerSec, get.rawRowsPerSec) };
    const p99Ms = { create: create.p99Ms, list: list.p99Ms, search: search.p99Ms };
    log('');
    for (const name of ['create', 'get'] as const) {
      const met = ratios[name] >= TARGETS.ratios[name];
      log(`${name.padEnd(7)} ratio ${ratios[name].toFixed(3)}  target ≥ ${TARGETS.ratios[name].toFixed(2)}  ${met ? 'met' : 'MISSED'}`);
    }
    for (const name of ['create', 'list', 'search'] as const) {
      const met = p99Ms[name] < TARGETS.p99Ms[name];
      log(`${name.padEnd(7)} p99 ${p99Ms[name].toFixed(1)} ms  target < ${TARGETS.p99Ms[name]} ms  ${met ? 'met' : 'MISSED'}`);
    }
    await cleanUp();
    forgetInterrupt();
    log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    log(
      JSON.stringify({
        benchmark: 'api',
        postgres: bench.serverVersion,
        connections: CONNECTIONS,
        storedCustomers: STORED_CUSTOMERS,
        load: { customers: STORED_CUSTOMERS, seconds: ms(loaded.seconds), customersPerSec: Math.round(STORED_CUSTOMERS / loaded.seconds) },
        create,
        get,
        list,
        search,
        ratios,
        p99Ms,
        targets: TARGETS,
        stages,
      }),
    );
  } finally {
    await cleanUp();
  }
}

/** The raw side's table: the read model's columns, a primary key, nothing else. */
async function createRawTable(database: Database): Promise<void> {
  await database.pool.query('CREATE SCHEMA bench');
  await database.pool.query(`
    CREATE TABLE bench.raw_customers (
      tenant_id uuid NOT NULL, id uuid NOT NULL, type text NOT NULL, status text NOT NULL, customer_number text,
      first_name text, last_name text, company_name text, enterprise_number text, vat_number text, email text,
      mobile text, language text NOT NULL, address text, zip text, city text, country text,
      version integer NOT NULL, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, id)
    )`);
}

function createCommand(body: CustomerBody): CustomerCommand {
  const { type, address, zip, city, country, ...fields } = body;
  const common = { ...fields, customerId: newCustomerId(), address: { line: address, zip, city, country } };
  return type === 'company'
    ? { ...common, type: 'CreateCompanyCustomer', companyName: body.companyName! }
    : { ...common, type: 'CreatePersonCustomer' };
}

/**
 * Stores the customers through the customer context's facade (the command
 * handler: load, decide, append with the inline read model), 32 at a time, in
 * the API's own composition (createApp, not listening), which also runs its
 * subscriptions (the audit log): done when they have caught up.
 */
async function loadCustomers(database: Database, config: AppConfig, tenant: string): Promise<{ seconds: number; ids: string[] }> {
  log(`\n[load] ${fmt(STORED_CUSTOMERS)} customers through CustomerFacade.execute, ${LOAD_WRITERS} writers`);
  const app = await createApp({ database, config, logger: false });
  try {
    const customers = app.get(CustomerFacade);
    const subscriptions = app.get(SubscriptionManager);
    const ids: string[] = new Array(STORED_CUSTOMERS);
    let next = 0;
    let lastReport = Date.now();
    const { seconds } = await timed(async () => {
      await Promise.all(
        Array.from({ length: LOAD_WRITERS }, async () => {
          for (let n = next++; n < STORED_CUSTOMERS; n = next++) {
            const command = createCommand(customerBody('L', n));
            await customers.execute(tenant, command, { actor: { type: 'system', id: 'bench-load' }, correlationId: randomUUID() });
            ids[n] = command.customerId;
            if (Date.now() - lastReport >= 10_000) {
              lastReport = Date.now();
              log(`  ${fmt(next)} customers stored`);
            }
          }
        }),
      );
      for (;;) {
        const statuses = await subscriptions.statuses();
        const failed = statuses.find((s) => s.status === 'failed');
        if (failed) throw new Error(`subscription ${failed.name} failed: ${failed.error}`);
        if (statuses.every((s) => s.lag === 0)) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
    log(`  stored ${fmt(STORED_CUSTOMERS)} customers (events, read model, audit log) in ${seconds.toFixed(1)} s: ${fmt(STORED_CUSTOMERS / seconds)}/s`);
    return { seconds, ids };
  } finally {
    await app.close();
  }
}

async function fetchJson(api: Api, path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(`${api.server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...api.headers, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, body: await response.json() };
}

/**
 * Pages through the whole list once (500 a page, not timed): checks that every
 * stored customer is listed, and keeps start points spread over the list.
 */
async function walkList(api: Api): Promise<(string | undefined)[]> {
  const starts: (string | undefined)[] = [undefined];
  let cursor: string | undefined;
  let seen = 0;
  const { seconds } = await timed(async () => {
    do {
      const { status, body } = await fetchJson(api, `/v1/customers?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
      if (status !== 200) throw new Error(`GET /v1/customers answered ${status}: ${JSON.stringify(body)}`);
      seen += body.items.length;
      cursor = body.nextCursor ?? undefined;
      if (cursor) starts.push(cursor);
    } while (cursor);
  });
  if (seen !== STORED_CUSTOMERS) throw new Error(`the list has ${seen} customers, ${STORED_CUSTOMERS} were stored`);
  log(`  listed all ${fmt(seen)} customers, 500 a page, in ${seconds.toFixed(1)} s (check, not timed)`);
  return starts;
}

interface SideFigures {
  readonly perSec: number;
  readonly requests: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** CPU microseconds per request or row, by process group, over the measured windows. */
  readonly cpuUsPerOp: Record<string, number>;
}

interface Side {
  readonly name: string;
  readonly unit: 'req' | 'rows';
  run(rampMs: number, durationMs: number, window?: LoadWindow): Promise<LoadResult>;
}

/** Samples CPU time by process group at the window's start and end. */
function cpuWindow(api: Api, onSpent: (spent: CpuSpent) => void): LoadWindow {
  const groups = () => ({ api: [api.server.pid], bench: [process.pid], postgres: postgresPids(api.database) });
  let start: CpuSample | undefined;
  return {
    start: () => (start = cpuSample(groups())),
    end: () => start && onSpent(cpuSpent(start, cpuSample(groups()))),
  };
}

/**
 * Runs every side alone first (warm-up), then in alternating rounds, the side
 * going first rotating each round. Rates, latencies and CPU by side.
 */
async function compare(api: Api, sides: readonly Side[]): Promise<Map<string, SideFigures>> {
  for (const side of sides) await side.run(0, WARMUP_MS);
  const totals = new Map<string, LoadResult>(sides.map((side) => [side.name, NO_LOAD]));
  const cpu = new Map<string, CpuSpent>();
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < sides.length; i++) {
      const side = sides[(round + i) % sides.length];
      const window = cpuWindow(api, (spent) => cpu.set(side.name, addCpu(cpu.get(side.name), spent)));
      totals.set(side.name, addLoad(totals.get(side.name)!, await side.run(ROUND_RAMP_MS, ROUND_MS, window)));
    }
  }
  const figures = new Map<string, SideFigures>();
  for (const side of sides) {
    const total = totals.get(side.name)!;
    const spent = cpu.get(side.name) ?? ({} as CpuSpent);
    const result: SideFigures = {
      perSec: Math.round(total.operations / total.seconds),
      requests: total.operations,
      p50Ms: ms(percentile(total.latenciesMs, 50)),
      p99Ms: ms(percentile(total.latenciesMs, 99)),
      maxMs: ms(percentile(total.latenciesMs, 100)),
      cpuUsPerOp: Object.fromEntries(Object.entries(spent).map(([group, cpuMs]) => [group, Math.round((cpuMs * 1000) / total.operations)])),
    };
    figures.set(side.name, result);
    const busy = spent.machine / (total.seconds * 1000);
    log(
      `  ${side.name.padEnd(40)} ${fmt(result.perSec).padStart(7)} ${side.unit}/s  p50 ${result.p50Ms.toFixed(1).padStart(5)} ms  ` +
        `p99 ${result.p99Ms.toFixed(1).padStart(5)} ms  (${fmt(total.operations)} in ${total.seconds.toFixed(1)} s)`,
    );
    const us = result.cpuUsPerOp;
    log(
      `  ${''.padEnd(40)} CPU µs per ${side.unit === 'req' ? 'request' : 'row'}: API ${us.api}, this process ${us.bench}, ` +
        `PostgreSQL ${us.postgres}, other ${us.other} (machine busy ${busy.toFixed(2)} of ${availableParallelism()} cores)`,
    );
  }
  return figures;
}

const apiFigures = (f: SideFigures) => ({
  reqPerSec: f.perSec,
  p50Ms: f.p50Ms,
  p99Ms: f.p99Ms,
  maxMs: f.maxMs,
  requests: f.requests,
  cpuUsPerRequest: f.cpuUsPerOp,
});
const rawFigures = (f: SideFigures) => ({ rawRowsPerSec: f.perSec, rawP50Ms: f.p50Ms, rawP99Ms: f.p99Ms, rawCpuUsPerRow: f.cpuUsPerOp });

const http = (api: Api, name: string, load: Omit<HttpLoad, 'url' | 'connections' | 'headers'> & { headers?: Record<string, string> }): Side => ({
  name,
  unit: 'req',
  run: (rampMs, durationMs, window) =>
    runHttpLoad({ ...load, url: api.server.url, connections: CONNECTIONS, headers: { ...api.headers, ...load.headers } }, rampMs, durationMs, window),
});

const raw = (name: string, operation: () => Promise<unknown>): Side => ({
  name,
  unit: 'rows',
  run: (rampMs, durationMs, window) => runLoad(CONNECTIONS, rampMs, durationMs, async () => void (await operation()), window),
});

async function listAndSearch(api: Api, startCursors: readonly (string | undefined)[]) {
  const texts = searchPrefixes(SEARCH_TEXTS);
  const matches: number[] = [];
  for (const q of texts.slice(0, 50)) {
    const { status, body } = await fetchJson(api, `/v1/customers?limit=${LIST_LIMIT}&q=${encodeURIComponent(q)}`);
    if (status !== 200) throw new Error(`search for ${q} answered ${status}: ${JSON.stringify(body)}`);
    matches.push(body.items.length);
  }
  const full = matches.filter((n) => n === LIST_LIMIT).length;
  log(`\n[list, search] ${fmt(STORED_CUSTOMERS)} customers stored, ${CONNECTIONS} connections; list and search alternate`);
  log(`  list: limit=${LIST_LIMIT}, ${LIST_PAGES} pages by cursor from one of ${fmt(startCursors.length)} start points`);
  log(`  search: q = one of ${SEARCH_TEXTS} prefixes of names, company words and e-mails (e.g. ${texts.slice(0, 4).map((t) => `"${t}"`).join(', ')}); ` +
    `of the first 50, ${full} fill a page of ${LIST_LIMIT}`);

  type Paging = { cursor?: string };
  const listRequests: autocannon.Request[] = Array.from({ length: LIST_PAGES }, (_, page) => ({
    method: 'GET',
    setupRequest: (request, context) => {
      const cursor = page === 0 ? pick(startCursors) : (context as Paging).cursor;
      return { ...request, path: `/v1/customers?limit=${LIST_LIMIT}${cursor ? `&cursor=${cursor}` : ''}` };
    },
    onResponse: (_status, body, context) => {
      (context as Paging).cursor = /"nextCursor":"([^"]+)"/.exec(body)?.[1];
    },
  }));
  const searchRequests: autocannon.Request[] = [
    {
      method: 'GET',
      setupRequest: (request) => ({ ...request, path: `/v1/customers?limit=${LIST_LIMIT}&q=${encodeURIComponent(pick(texts))}` }),
    },
  ];
  const figures = await compare(api, [
    http(api, `GET /v1/customers?limit=${LIST_LIMIT}&cursor=`, { requests: listRequests, expectedStatus: 200 }),
    http(api, `GET /v1/customers?limit=${LIST_LIMIT}&q=`, { requests: searchRequests, expectedStatus: 200 }),
  ]);
  const [list, search] = [...figures.values()];
  return {
    list: { ...apiFigures(list), limit: LIST_LIMIT, pagesPerChain: LIST_PAGES },
    search: { ...apiFigures(search), limit: LIST_LIMIT, texts: SEARCH_TEXTS },
  };
}

async function getById(api: Api, database: Database, tenant: string, stored: readonly string[]) {
  const ids = Array.from({ length: GET_IDS }, () => pick(stored));
  log(`\n[get] ${CONNECTIONS} connections: GET /v1/customers/{id} vs primary-key SELECT, over ${fmt(GET_IDS)} stored ids`);
  const first = await fetchJson(api, `/v1/customers/${ids[0]}`);
  if (first.status !== 200) throw new Error(`GET /v1/customers/{id} answered ${first.status}: ${JSON.stringify(first.body)}`);
  const select = `SELECT ${COLUMNS.join(', ')} FROM customer.customers WHERE tenant_id = $1 AND id = $2`;
  const figures = await compare(api, [
    http(api, 'GET /v1/customers/{id}', {
      requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: `/v1/customers/${pick(ids)}` }) }],
      expectedStatus: 200,
    }),
    raw('raw SELECT by primary key', async () => {
      const { rowCount } = await database.pool.query(select, [tenant, pick(ids)]);
      if (rowCount !== 1) throw new Error('a stored customer was not found');
    }),
  ]);
  const [http_, raw_] = [...figures.values()];
  return { ...apiFigures(http_), ...rawFigures(raw_), ids: GET_IDS };
}

async function createCustomers(api: Api, database: Database, tenant: string) {
  log(`\n[create] ${CONNECTIONS} connections: POST /v1/customers vs one-row INSERT into a plain table`);
  let httpSequence = 0;
  let rawSequence = 0;
  const sample = customerBody('H', httpSequence++);
  log(`  body ${Buffer.byteLength(JSON.stringify(sample))} bytes of JSON, e.g. ${JSON.stringify(sample)}`);
  const first = await fetchJson(api, '/v1/customers', { method: 'POST', body: sample });
  if (first.status !== 201) throw new Error(`POST /v1/customers answered ${first.status}: ${JSON.stringify(first.body)}`);
  const insert = `INSERT INTO bench.raw_customers (${COLUMNS.join(', ')})
    VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`;
  const figures = await compare(api, [
    http(api, 'POST /v1/customers', {
      headers: { 'content-type': 'application/json' },
      requests: [{ method: 'POST', path: '/v1/customers', setupRequest: (request) => ({ ...request, body: JSON.stringify(customerBody('H', httpSequence++)) }) }],
      expectedStatus: 201,
    }),
    raw('raw INSERT (1 row)', () => {
      const body = customerBody('R', rawSequence++);
      const now = new Date();
      return database.pool.query(insert, [
        tenant, newCustomerId(), body.type, 'active', body.customerNumber, body.firstName, body.lastName, body.companyName ?? null,
        body.enterpriseNumber?.replace(/\D/g, '') ?? null, body.vatNumber ?? null, body.email, body.mobile.replace(/\s/g, ''),
        body.language, body.address, body.zip, body.city, body.country, 1, now, now,
      ]);
    }),
  ]);
  const [http_, raw_] = [...figures.values()];
  return { ...apiFigures(http_), ...rawFigures(raw_), bodyBytes: Buffer.byteLength(JSON.stringify(sample)) };
}

/** What each statement the API sends is, by its text. */
const STATEMENTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^begin\b/i, 'BEGIN'],
  [/^commit\b/i, 'COMMIT'],
  [/event_store\.append_events\(/, 'SELECT event_store.append_events(...): the events'],
  [/event_store\.subject_keys/, "INSERT ... event_store.subject_keys: the customer's personal-data key"],
  [/FROM event_store\.events/, 'SELECT ... FROM event_store.events: load the stream'],
  [/^INSERT INTO "customer"\."customers"/, 'INSERT ... ON CONFLICT DO UPDATE: the read-model row'],
  [/FROM "customer"\."customers"/, 'SELECT the read-model row (inline projection, before its upsert)'],
  [/FROM customer\.customers .*ORDER BY id/, 'SELECT a page of customer.customers'],
  [/FROM customer\.customers/, 'SELECT the customer by id from customer.customers'],
  [/pg_notify/, 'SELECT pg_notify(...): wake subscribers'],
];
const classifyStatement = (text: string): string => STATEMENTS.find(([pattern]) => pattern.test(text))?.[1] ?? text.slice(0, 70);

/**
 * Stage by stage: the API in this process (createApp, its subscriptions off, so
 * only the requests' own statements run) on a pool that times every statement
 * at the pg client, answering one request at a time. Per request: the
 * statements (how many, how long each round trip took) and the time outside
 * them (the fetch client and the HTTP server, Nest, the handler, JSON: all in Node).
 */
async function stageByStage(
  url: string,
  config: AppConfig,
  headers: Record<string, string>,
  ids: readonly string[],
  startCursors: readonly (string | undefined)[],
) {
  log(`\n[stages] ${STAGE_REQUESTS} requests per endpoint, one at a time, to the API in this process; every statement timed at the pg client`);
  const timing = timedDatabase(url, 4, classifyStatement);
  const app = await createApp({ database: timing.database, config, logger: false, eventStore: { runSubscriptions: false } });
  try {
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    const local: Api = { server: { url: `http://127.0.0.1:${address.port}`, pid: process.pid, stop: async () => undefined }, headers, database: '' };
    const texts = searchPrefixes(SEARCH_TEXTS, 2);
    let sequence = 0;
    const endpoints: Record<string, { readonly label: string; readonly status: number; call(): Promise<{ status: number }> }> = {
      create: {
        label: 'POST /v1/customers',
        status: 201,
        call: () => fetchJson(local, '/v1/customers', { method: 'POST', body: customerBody('S', sequence++) }),
      },
      get: { label: 'GET /v1/customers/{id}', status: 200, call: () => fetchJson(local, `/v1/customers/${pick(ids)}`) },
      list: {
        label: `GET /v1/customers?limit=${LIST_LIMIT}&cursor=`,
        status: 200,
        call: () => {
          const cursor = pick(startCursors);
          return fetchJson(local, `/v1/customers?limit=${LIST_LIMIT}${cursor ? `&cursor=${cursor}` : ''}`);
        },
      },
      search: {
        label: `GET /v1/customers?limit=${LIST_LIMIT}&q=`,
        status: 200,
        call: () => fetchJson(local, `/v1/customers?limit=${LIST_LIMIT}&q=${encodeURIComponent(pick(texts))}`),
      },
    };
    const result: Record<string, { msPerRequest: number; outsideStatementsMs: number; statements: Array<{ statement: string; perRequest: number; ms: number }> }> = {};
    for (const [name, endpoint] of Object.entries(endpoints)) {
      for (let i = 0; i < 20; i++) await endpoint.call(); // warm-up
      timing.times.clear();
      const { seconds } = await timed(async () => {
        for (let i = 0; i < STAGE_REQUESTS; i++) {
          const { status } = await endpoint.call();
          if (status !== endpoint.status) throw new Error(`${endpoint.label} answered ${status}`);
        }
      });
      const msPerRequest = (seconds * 1000) / STAGE_REQUESTS;
      const statements = [...timing.times].map(([statement, time]: [string, StatementTime]) => ({
        statement,
        perRequest: Math.round((time.count / STAGE_REQUESTS) * 100) / 100,
        ms: ms(time.ms / time.count),
      }));
      const inStatements = [...timing.times.values()].reduce((sum, time) => sum + time.ms, 0) / STAGE_REQUESTS;
      result[name] = { msPerRequest: ms(msPerRequest), outsideStatementsMs: ms(msPerRequest - inStatements), statements };
      log(
        `  ${endpoint.label}: ${msPerRequest.toFixed(2)} ms per request; in statements ${inStatements.toFixed(2)} ms, ` +
          `outside them (HTTP client and server, Nest, the handler, JSON: all in this process) ${(msPerRequest - inStatements).toFixed(2)} ms`,
      );
      for (const { statement, perRequest, ms: each } of statements) {
        log(`    ${perRequest.toFixed(2).padStart(5)} × ${each.toFixed(2).padStart(5)} ms  ${statement}`);
      }
    }
    return result;
  } finally {
    await app.close();
    await timing.database.close();
  }
}

main().catch((error) => {
  process.stderr.write(`bench:api failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
