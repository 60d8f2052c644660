import type { Kysely } from 'kysely';
import type { Database } from '../database/database';
import { apiKeyDisplayPrefix, generateApiKey, hashApiKey, isWellFormedApiKey } from './api-key';
import { OrganizationNotFoundError } from './auth.errors';
import type { ApiKeySummary, CreatedApiKey } from './auth.types';
import { insertApiKey, markApiKeyRevoked, selectApiKeys, selectTenantByKeyHash } from './platform-auth.store';
import type { PlatformTables } from './platform.tables';
import type { TenantContext } from './tenant-context';

export interface ApiKeyServiceOptions {
  /** How long a successful authentication is remembered. A revocation made by another process takes this long to apply. */
  readonly cacheTtlMs?: number;
  /** Entries kept at most; the oldest goes first. */
  readonly cacheSize?: number;
  /** Monotonic milliseconds; replaceable in tests. */
  readonly now?: () => number;
}

interface CacheEntry {
  readonly tenant: Promise<TenantContext | undefined>;
  readonly expiresAt: number;
}

/**
 * API keys: created for an organization, stored as SHA-256 hashes only, checked on
 * every `/v1` request. Successful checks are cached in-process, so a request does not
 * pay a database round trip for its key; unknown keys are never cached.
 */
export class ApiKeyService {
  private readonly db: Kysely<PlatformTables>;
  private readonly ttlMs: number;
  private readonly cacheSize: number;
  private readonly now: () => number;
  /** Keyed by the hex hash, so raw keys are not kept in memory longer than a request. */
  private readonly cache = new Map<string, CacheEntry>();

  constructor(database: Database, options: ApiKeyServiceOptions = {}) {
    this.db = database.db;
    this.ttlMs = options.cacheTtlMs ?? 30_000;
    this.cacheSize = options.cacheSize ?? 10_000;
    this.now = options.now ?? (() => performance.now());
  }

  /** @throws OrganizationNotFoundError when no organization has that name */
  async createApiKey(organizationName: string): Promise<CreatedApiKey> {
    const key = generateApiKey();
    const prefix = apiKeyDisplayPrefix(key);
    const row = await insertApiKey(this.db, organizationName, hashApiKey(key), prefix);
    if (!row) throw new OrganizationNotFoundError(organizationName);
    return { key, id: row.id, organizationId: row.organizationId, prefix };
  }

  listApiKeys(organizationName: string): Promise<ApiKeySummary[]> {
    return selectApiKeys(this.db, organizationName);
  }

  /** False when no live key has that id. Takes effect at once in this process, within the cache TTL elsewhere. */
  async revokeApiKey(id: string): Promise<boolean> {
    const revoked = await markApiKeyRevoked(this.db, id);
    for (const [hash, entry] of this.cache) {
      if ((await entry.tenant.catch(() => undefined))?.apiKeyId === id) this.cache.delete(hash);
    }
    return revoked;
  }

  /** The caller behind a key, or null when the key is unknown, revoked or malformed. */
  async authenticate(key: string): Promise<TenantContext | null> {
    if (!isWellFormedApiKey(key)) return null;
    const hash = hashApiKey(key);
    const cacheKey = hash.toString('hex');
    const now = this.now();
    const cached = this.cache.get(cacheKey);
    if (cached && cached.expiresAt > now) return (await cached.tenant) ?? null;

    // Concurrent requests with the same key share one lookup.
    const tenant = selectTenantByKeyHash(this.db, hash);
    this.remember(cacheKey, { tenant, expiresAt: now + this.ttlMs });
    try {
      const found = await tenant;
      if (!found) this.cache.delete(cacheKey);
      return found ?? null;
    } catch (error) {
      this.cache.delete(cacheKey);
      throw error;
    }
  }

  private remember(cacheKey: string, entry: CacheEntry): void {
    this.cache.delete(cacheKey);
    if (this.cache.size >= this.cacheSize) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
    this.cache.set(cacheKey, entry);
  }
}
