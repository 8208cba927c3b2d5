import { hashOperatorPassword, verifyOperatorPassword } from './operator-password';

describe('the operator password hash', () => {
  it('verifies the password it was made from and nothing else, and never contains it', () => {
    const hash = hashOperatorPassword('korrekt-hest-batteri');
    expect(hash).toMatch(/^scrypt:16384:8:1:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]{43}$/);
    expect(hash).not.toContain('korrekt');
    expect(verifyOperatorPassword('korrekt-hest-batteri', hash)).toBe(true);
    expect(verifyOperatorPassword('korrekt-hest-batteri ', hash)).toBe(false);
    expect(verifyOperatorPassword('', hash)).toBe(false);
    expect(hashOperatorPassword('korrekt-hest-batteri')).not.toBe(hash); // salted
  });

  it('refuses a hash of another kind', () => {
    expect(verifyOperatorPassword('x', 'bcrypt:whatever')).toBe(false);
  });
});
