import { startTestPostgres } from './postgres-server';

export default async function globalSetup(): Promise<void> {
  const server = await startTestPostgres();
  process.env.TEST_ADMIN_DATABASE_URL = server.adminUrl;
  (globalThis as { __testPostgres?: unknown }).__testPostgres = server;
  if (!process.env.CI_QUIET) process.stdout.write(`\nPostgreSQL for tests: ${server.source}\n`);
}
