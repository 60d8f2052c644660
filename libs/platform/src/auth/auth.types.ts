/** A tenant of the platform. */
export interface Organization {
  readonly id: string;
  readonly name: string;
  readonly createdAt: Date;
}

/** A freshly created API key: `key` is shown once and never stored. */
export interface CreatedApiKey {
  readonly key: string;
  readonly id: string;
  readonly organizationId: string;
  /** The leading characters kept in clear, to tell keys apart in listings. */
  readonly prefix: string;
}

/** An API key as listings show it: never the key itself. */
export interface ApiKeySummary {
  readonly id: string;
  readonly organizationId: string;
  readonly prefix: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}
