import { resolve } from 'node:path';

/** Typed configuration, read from the environment once, at boot. */
export interface AppConfig {
  readonly port: number;
  /** When absent, an embedded PostgreSQL under `dataDir` is used. */
  readonly databaseUrl: string | undefined;
  /** Local state: embedded database, master key, first API key. */
  readonly dataDir: string;
  /** 32-byte key that wraps the per-subject data keys; generated in `dataDir` when absent. */
  readonly masterKey: Buffer | undefined;
  readonly logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  readonly logJson: boolean;
  readonly poolSize: number;
  readonly registry: RegistryConfig;
}

/** Where the company registries are reached. Tests point the URLs at local fakes. */
export interface RegistryConfig {
  readonly viesBaseUrl: string;
  /** VIES has no published limit but blocks heavy users: requests per second, process-wide. */
  readonly viesRequestsPerSecond: number;
  /** How long a valid/invalid verdict is reused. */
  readonly viesCacheTtlSeconds: number;
  readonly kvkBaseUrl: string;
  /** Without a key the KvK source is skipped. */
  readonly kvkApiKey: string | undefined;
  /** Per request to a remote registry. */
  readonly timeoutMs: number;
}

export class ConfigError extends Error {}

const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;

/** The only place that reads `process.env`. Throws one error naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  };

  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }

  let masterKey: Buffer | undefined;
  if (env.MASTER_KEY) {
    masterKey = /^[0-9a-f]{64}$/i.test(env.MASTER_KEY)
      ? Buffer.from(env.MASTER_KEY, 'hex')
      : Buffer.from(env.MASTER_KEY, 'base64');
    if (masterKey.length !== 32) problems.push('MASTER_KEY must be 32 bytes (64 hex characters or base64)');
  }

  const logLevel = (env.LOG_LEVEL ?? 'log') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const url = (name: string, fallback: string): string => {
    const value = env[name] || fallback;
    if (!/^https?:\/\/[^\s]+$/.test(value)) problems.push(`${name} must be an http:// or https:// URL, got "${value}"`);
    return value.replace(/\/+$/, '');
  };

  const config: AppConfig = {
    port: int('PORT', 3000, 0, 65535),
    databaseUrl,
    dataDir: resolve(env.DATA_DIR || '.data'),
    masterKey,
    logLevel,
    logJson: env.LOG_FORMAT === 'json',
    poolSize: int('DATABASE_POOL_SIZE', 20, 1, 500),
    registry: {
      viesBaseUrl: url('VIES_BASE_URL', 'https://ec.europa.eu/taxation_customs/vies/rest-api'),
      viesRequestsPerSecond: int('VIES_REQUESTS_PER_SECOND', 2, 1, 20),
      viesCacheTtlSeconds: int('VIES_CACHE_TTL_SECONDS', 86_400, 0, 30 * 86_400),
      kvkBaseUrl: url('KVK_BASE_URL', 'https://api.kvk.nl/api'),
      kvkApiKey: env.KVK_API_KEY || undefined,
      timeoutMs: int('REGISTRY_TIMEOUT_MS', 5000, 100, 60_000),
    },
  };
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return config;
}
