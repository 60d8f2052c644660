import { createTestDatabase } from '../../../../test/setup/test-database';
import { eventStoreMigrations } from '../migrations';
it('migrates', async () => {
  const t = await createTestDatabase([eventStoreMigrations]);
  const r = await t.database.pool.query('select count(*) from event_store.events');
  expect(r.rows[0].count).toBe('0');
  await t.drop();
});
