import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../../../../test/setup/test-database';
import { platformMigrations } from '../migrations';
import { ApiKeyService } from './api-key.service';
import { ensureDefaultOrganization } from './default-organization';

let t: TestDatabase;
let dir: string;
const warnings: string[] = [];
const logger = { log: () => undefined, warn: (message: string) => void warnings.push(message) };

beforeEach(async () => {
  t = await createTestDatabase([platformMigrations]);
  dir = mkdtempSync(join(tmpdir(), 'cm-first-start-'));
  warnings.length = 0;
});
afterEach(async () => {
  await t.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('ensureDefaultOrganization', () => {
  it('creates organization "default" with a working key on an empty database, written 0600', async () => {
    const dataDir = join(dir, 'nested', 'data');
    const first = await ensureDefaultOrganization(t.database, dataDir, logger);
    expect(first).toMatchObject({ organizationName: 'default', keyFile: join(dataDir, 'api-key') });
    expect(readFileSync(first!.keyFile!, 'utf8')).toBe(`${first!.key}\n`);
    expect(statSync(first!.keyFile!).mode & 0o777).toBe(0o600);
    expect(await new ApiKeyService(t.database).authenticate(first!.key)).toEqual({
      organizationId: first!.organizationId,
      organizationName: 'default',
      apiKeyId: first!.apiKeyId,
    });
    expect(warnings).toEqual([]);
  });

  it('does nothing once any organization exists', async () => {
    await ensureDefaultOrganization(t.database, dir, logger);
    const before = readFileSync(join(dir, 'api-key'), 'utf8');
    expect(await ensureDefaultOrganization(t.database, dir, logger)).toBeNull();
    expect(readFileSync(join(dir, 'api-key'), 'utf8')).toBe(before);
  });

  it('creates one organization when several processes start at once', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => ensureDefaultOrganization(t.database, dir, logger)));
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    const { rows } = await t.database.pool.query('SELECT count(*)::int AS n FROM platform.api_keys');
    expect(rows[0].n).toBe(1);
  });

  it('replaces a stale key file, saying so', async () => {
    writeFileSync(join(dir, 'api-key'), 'cm_live_old\n', { mode: 0o644 });
    const first = await ensureDefaultOrganization(t.database, dir, logger);
    expect(readFileSync(join(dir, 'api-key'), 'utf8')).toBe(`${first!.key}\n`);
    expect(statSync(join(dir, 'api-key')).mode & 0o777).toBe(0o600);
    expect(warnings.join('\n')).toContain('replacing');
  });

  it('still returns the key when the file cannot be written', async () => {
    const blocker = join(dir, 'file');
    writeFileSync(blocker, '');
    const first = await ensureDefaultOrganization(t.database, join(blocker, 'sub'), logger);
    expect(first?.key).toMatch(/^cm_live_/);
    expect(first?.keyFile).toBeUndefined();
    expect(warnings.join('\n')).toContain('could not write');
  });
});
