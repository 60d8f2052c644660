import { randomBytes } from 'node:crypto';
import { open, seal } from './aes-gcm';

describe('AES-256-GCM seal/open', () => {
  const key = randomBytes(32);
  const plaintext = Buffer.from('{"email":"ada@example.org"}');

  it('opens what it sealed', () => {
    expect(open(key, seal(key, plaintext, 'tenant/subject'), 'tenant/subject')).toEqual(plaintext);
    expect(open(key, seal(key, Buffer.alloc(0), 'x'), 'x')).toEqual(Buffer.alloc(0));
  });

  it('lays out iv (12) | tag (16) | ciphertext, without the plaintext in it', () => {
    const sealed = seal(key, plaintext, 'aad');
    expect(sealed).toHaveLength(12 + 16 + plaintext.length);
    expect(sealed.includes(plaintext)).toBe(false);
    expect(sealed.toString('latin1')).not.toContain('ada@example.org');
  });

  it('uses a fresh iv each time: sealing twice gives different bytes', () => {
    const a = seal(key, plaintext, 'aad');
    const b = seal(key, plaintext, 'aad');
    expect(a.subarray(0, 12).equals(b.subarray(0, 12))).toBe(false);
    expect(a.equals(b)).toBe(false);
  });

  it('refuses another key, another context (aad) or any altered byte', () => {
    const sealed = seal(key, plaintext, 'tenant-a/subject');
    expect(() => open(randomBytes(32), sealed, 'tenant-a/subject')).toThrow();
    expect(() => open(key, sealed, 'tenant-b/subject')).toThrow();
    for (const at of [0, 12, 28, sealed.length - 1]) {
      const altered = Buffer.from(sealed);
      altered[at] ^= 0x01;
      expect(() => open(key, altered, 'tenant-a/subject')).toThrow();
    }
    expect(() => open(key, sealed.subarray(0, sealed.length - 1), 'tenant-a/subject')).toThrow();
  });
});
