import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every depth, so two bodies that differ only
 * in key order (or white space) serialise alike. Array order is kept: it means something.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

/**
 * SHA-256 of the method, the path and the canonical JSON body: what must match
 * for a repeated idempotency key to be the same request. A missing body counts
 * as `{}`, so a client that sends `{}` on a retry of a body-less POST is not refused.
 */
export function requestFingerprint(method: string, path: string, body: unknown): Buffer {
  const canonical = canonicalJson(body === undefined || body === null ? {} : body);
  return createHash('sha256').update(`${method.toUpperCase()} ${path}\n${canonical}`).digest();
}
