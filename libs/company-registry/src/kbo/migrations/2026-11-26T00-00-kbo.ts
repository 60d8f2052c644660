import { type Kysely, sql } from 'kysely';

/**
 * The KBO open data, as loaded from the official extracts. Columns are the
 * files' headers in snake case (`JuridicalFormCAC` -> `juridical_form_cac`),
 * numbers are kept as the files write them (`0403.019.261`), so a load is a
 * straight COPY. Only the files the lookup needs are kept: enterprise,
 * establishment, denomination and address.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE kbo.extracts (
      extract_number    integer     NOT NULL,
      extract_type      text        NOT NULL CHECK (extract_type IN ('full', 'update')),
      snapshot_date     date        NOT NULL,
      extract_timestamp text,
      version           text,
      loaded_at         timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (extract_number, extract_type)
    )
  `.execute(db);
  await sql`
    CREATE TABLE kbo.enterprise (
      enterprise_number   text NOT NULL CHECK (enterprise_number ~ '^[01][0-9]{3}\\.[0-9]{3}\\.[0-9]{3}$'),
      status              text,
      juridical_situation text,
      type_of_enterprise  text,
      juridical_form      text,
      juridical_form_cac  text,
      start_date          date,
      CONSTRAINT enterprise_pkey PRIMARY KEY (enterprise_number)
    )
  `.execute(db);
  await sql`
    CREATE TABLE kbo.establishment (
      establishment_number text NOT NULL,
      start_date           date,
      enterprise_number    text NOT NULL,
      CONSTRAINT establishment_pkey PRIMARY KEY (establishment_number)
    )
  `.execute(db);
  await sql`CREATE INDEX establishment_enterprise_idx ON kbo.establishment (enterprise_number)`.execute(db);
  await sql`
    CREATE TABLE kbo.denomination (
      entity_number        text NOT NULL,
      language             text NOT NULL,
      type_of_denomination text NOT NULL,
      denomination         text NOT NULL
    )
  `.execute(db);
  await sql`CREATE INDEX denomination_entity_idx ON kbo.denomination (entity_number)`.execute(db);
  await sql`
    CREATE TABLE kbo.address (
      entity_number      text NOT NULL,
      type_of_address    text NOT NULL,
      country_nl         text,
      country_fr         text,
      zipcode            text,
      municipality_nl    text,
      municipality_fr    text,
      street_nl          text,
      street_fr          text,
      house_number       text,
      box                text,
      extra_address_info text,
      date_striking_off  date
    )
  `.execute(db);
  await sql`CREATE INDEX address_entity_idx ON kbo.address (entity_number)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['address', 'denomination', 'establishment', 'enterprise', 'extracts']) {
    await sql`DROP TABLE IF EXISTS ${sql.table(`kbo.${table}`)}`.execute(db);
  }
}
