import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from './app-config';

/**
 * The key that wraps every data subject's key. From MASTER_KEY when set;
 * otherwise generated once into the data directory (mode 600) for local use.
 * Losing it makes all personal data in the event history unreadable.
 */
export function resolveMasterKey(config: Pick<AppConfig, 'masterKey' | 'dataDir'>): { key: Buffer; source: string } {
  if (config.masterKey) return { key: config.masterKey, source: 'MASTER_KEY' };
  const file = join(config.dataDir, 'master.key');
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    try {
      writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // another process made it first
    }
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte hex key`);
  return { key, source: file };
}
