/** The KBO files the loader keeps, each into the table of the same name in the `kbo` schema. */
export const KBO_TABLES = ['enterprise', 'establishment', 'denomination', 'address'] as const;
export type KboTable = (typeof KBO_TABLES)[number];

/** The extract's own description: number, type, snapshot date. */
export const KBO_META_FILE = 'meta.csv';

export type KboExtractType = 'full' | 'update';

/**
 * The column of `<table>_delete.csv` in an update: the entity whose rows are
 * replaced (an update re-sends every row of a changed entity).
 */
export const KBO_DELETE_KEYS: Readonly<Record<KboTable, { readonly header: string; readonly column: string }>> = {
  enterprise: { header: 'EnterpriseNumber', column: 'enterprise_number' },
  establishment: { header: 'EstablishmentNumber', column: 'establishment_number' },
  denomination: { header: 'EntityNumber', column: 'entity_number' },
  address: { header: 'EntityNumber', column: 'entity_number' },
};

/** `enterprise.csv` in a full extract. */
export const fullFile = (table: KboTable): string => `${table}.csv`;
/** `enterprise_delete.csv` in an update: the keys whose rows go. */
export const deleteFile = (table: KboTable): string => `${table}_delete.csv`;
/** `enterprise_insert.csv` in an update: the rows that come (in full). */
export const insertFile = (table: KboTable): string => `${table}_insert.csv`;

/** Every data file an extract of this type must hold, besides meta.csv. */
export function kboDataFiles(type: KboExtractType): string[] {
  return type === 'full' ? KBO_TABLES.map(fullFile) : [...KBO_TABLES.map(deleteFile), ...KBO_TABLES.map(insertFile)];
}
