import { type Kysely, type Migration, Migrator } from 'kysely';

/** The migrations one module owns, in its own schema (its own migration table). */
export interface SchemaMigrations {
  readonly schema: string;
  /** Keyed by ISO-dated names: they run in name order. Frozen once released. */
  readonly migrations: Readonly<Record<string, Migration>>;
}

/** Runs each module's pending migrations, in the order given. Safe across processes (Kysely locks). */
export async function migrateToLatest(db: Kysely<any>, modules: readonly SchemaMigrations[]): Promise<string[]> {
  const applied: string[] = [];
  for (const { schema, migrations } of modules) {
    await db.schema.createSchema(schema).ifNotExists().execute();
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => ({ ...migrations }) },
      migrationTableSchema: schema,
    });
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new Error(`migration ${schema}/${failed} failed: ${(error as Error).message ?? String(error)}`);
    }
    for (const r of results ?? []) if (r.status === 'Success') applied.push(`${schema}/${r.migrationName}`);
  }
  return applied;
}
