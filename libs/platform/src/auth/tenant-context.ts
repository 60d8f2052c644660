/** Who is calling: resolved from the API key of every `/v1` request. */
export interface TenantContext {
  /** The organization's id: the tenant id of everything it stores. */
  readonly organizationId: string;
  readonly organizationName: string;
  readonly apiKeyId: string;
}
