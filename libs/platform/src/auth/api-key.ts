import { createHash, randomBytes } from 'node:crypto';

/** Every key starts with this, so a leaked key is easy to recognise (secret scanners, logs). */
export const API_KEY_PREFIX = 'cm_live_';

/** Characters of a key kept in clear in the database, to tell keys apart in listings. */
export const API_KEY_DISPLAY_LENGTH = API_KEY_PREFIX.length + 4;

const KEY_FORMAT = /^cm_live_[A-Za-z0-9_-]{43}$/;

/** A new key: the prefix and 32 random bytes in base64url (43 characters). */
export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** What is stored: SHA-256 of the whole key. The key has 256 bits of entropy, so no salt or slow hash is needed. */
export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** The leading characters shown in listings. */
export function apiKeyDisplayPrefix(key: string): string {
  return key.slice(0, API_KEY_DISPLAY_LENGTH);
}

/** Rejects garbage before it costs a database round trip. */
export function isWellFormedApiKey(key: string): boolean {
  return KEY_FORMAT.test(key);
}

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive), or undefined. */
export function bearerToken(header: string | readonly string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer[ ]+([^ ]+)[ ]*$/i.exec(header);
  return match?.[1];
}
