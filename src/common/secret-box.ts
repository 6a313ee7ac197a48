import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** Marks a sealed value: `v1:` + base64url(iv | tag | ciphertext). */
const SEALED = 'v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals secrets the server must read back (webhook signing secrets, which cannot be hashed)
 * with AES-256-GCM under a key derived from a configured secret, so a copy of the database
 * alone does not give them away. Without a stable configured secret the box passes values
 * through unchanged (and says so with `encrypts`), because a key that changes at every start
 * would make stored secrets unreadable. Values stored before sealing existed open as they are.
 */
export class SecretBox {
  private readonly key: Buffer | null;

  /** `secret`: the configured secret to derive from, or null; `purpose` separates keys. */
  constructor(secret: string | null, purpose: string) {
    this.key = secret
      ? Buffer.from(hkdfSync('sha256', secret, 'tms secret box', purpose, 32))
      : null;
  }

  get encrypts(): boolean {
    return this.key !== null;
  }

  seal(plain: string): string {
    if (!this.key) return plain;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return SEALED + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The plain value; throws when a sealed value cannot be opened (no key, or another key). */
  open(stored: string): string {
    if (!stored.startsWith(SEALED)) return stored;
    if (!this.key) throw new Error('the value is sealed, but no key is configured');
    const raw = Buffer.from(stored.slice(SEALED.length), 'base64url');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('the sealed value is truncated');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new Error('the sealed value does not open with this key (was the key changed?)');
    }
  }
}
