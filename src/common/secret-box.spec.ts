import { SecretBox } from './secret-box';

const KEY = 'a-configured-secret-of-at-least-32-characters';

describe('SecretBox', () => {
  const box = new SecretBox(KEY, 'webhook secret');

  it('seals so that the stored value does not contain the secret, and opens it again', () => {
    const sealed = box.seal('whsec-Ärzte-🔑');
    expect(sealed).toMatch(/^v1:[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('whsec');
    expect(box.open(sealed)).toBe('whsec-Ärzte-🔑');
  });

  it('uses a fresh IV each time', () => {
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('refuses a tampered value, another key and another purpose', () => {
    const sealed = box.seal('secret');
    // A character inside the IV/tag/ciphertext (the last one may hold only padding bits).
    const i = 20;
    const tampered = sealed.slice(0, i) + (sealed[i] === 'A' ? 'B' : 'A') + sealed.slice(i + 1);
    expect(() => box.open(tampered)).toThrow('does not open');
    expect(() => new SecretBox(`${KEY}-rotated`, 'webhook secret').open(sealed)).toThrow(
      'does not open',
    );
    expect(() => new SecretBox(KEY, 'other purpose').open(sealed)).toThrow('does not open');
    expect(() => box.open('v1:abc')).toThrow('truncated');
  });

  it('opens values stored before sealing as they are', () => {
    expect(box.open('plain-old-secret')).toBe('plain-old-secret');
  });

  it('passes values through without a key, and cannot open sealed ones then', () => {
    const none = new SecretBox(null, 'webhook secret');
    expect(none.encrypts).toBe(false);
    expect(none.seal('secret')).toBe('secret');
    expect(() => none.open(box.seal('secret'))).toThrow('no key');
  });
});
