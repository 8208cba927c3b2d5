import { AppConfig } from '@bro/platform';
import { CprVault } from './cpr-vault';

function vault(overrides: Partial<AppConfig> = {}): CprVault {
  return new CprVault(Object.assign(new AppConfig(), overrides));
}

describe('CprVault', () => {
  it('seals and opens a CPR number, with a fresh nonce each time', () => {
    const v = vault();
    const a = v.seal('0101451234');
    const b = v.seal('0101451234');
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(a.ciphertext).not.toContain('0101451234');
    expect(a.keyId).toBe('k1');
    expect(v.open(a)).toBe('0101451234');
  });

  it('opens what a retired key sealed, and seals only under the current key', () => {
    const old = vault();
    const sealedBefore = old.seal('0101451234');
    const rotated = vault({
      CPR_ENCRYPTION_KEY_ID: 'k2',
      CPR_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
      CPR_ENCRYPTION_RETIRED_KEYS: `k1:${new AppConfig().CPR_ENCRYPTION_KEY}`,
    });
    expect(rotated.open(sealedBefore)).toBe('0101451234');
    expect(rotated.seal('0101451234').keyId).toBe('k2');
    expect(() => vault().open(rotated.seal('0101451234'))).toThrow(/no CPR encryption key with id k2/);
  });

  it('refuses a tampered ciphertext (GCM authentication)', () => {
    const v = vault();
    const sealed = v.seal('0101451234');
    const [iv, tag, body] = sealed.ciphertext.split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(() => v.open({ ...sealed, ciphertext: [iv, tag, flipped.toString('base64url')].join('.') })).toThrow();
  });

  it('finds by a keyed hash: stable under one key, different under another, never the CPR itself', () => {
    const one = vault();
    const other = vault({ CPR_HMAC_KEY: Buffer.alloc(32, 7).toString('base64') });
    expect(one.lookupHash('0101451234')).toBe(one.lookupHash('0101451234'));
    expect(one.lookupHash('0101451234')).not.toBe(other.lookupHash('0101451234'));
    expect(one.lookupHash('0101451234')).not.toContain('0101451234');
  });
});
