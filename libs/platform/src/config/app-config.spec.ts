import { ConfigError, DEV_DEFAULTS, loadConfig } from './app-config';

const secret = (fill: number) => Buffer.alloc(32, fill).toString('base64');
const production = {
  NODE_ENV: 'production',
  AUTH_MODE: 'oidc',
  OIDC_ISSUER: 'https://login.example.dk/realms/roskilde',
  OIDC_AUDIENCE: 'bro',
  CPR_HMAC_KEY: secret(1),
  CPR_ENCRYPTION_KEY: secret(2),
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe('configuration', () => {
  it('has working defaults for development', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.AUTH_MODE).toBe('dev');
    expect(config.CPR_HMAC_KEY).toBe(DEV_DEFAULTS.CPR_HMAC_KEY);
  });

  it('accepts a complete production configuration', () => {
    expect(problemsOf(production)).toEqual([]);
  });

  it('refuses dev mode in production, naming the variable', () => {
    expect(problemsOf({ ...production, AUTH_MODE: 'dev' })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^AUTH_MODE: dev mode is refused/)]),
    );
  });

  it('refuses a dev default key in production, naming the variable', () => {
    const { CPR_ENCRYPTION_KEY: _, ...withoutKey } = production;
    expect(problemsOf(withoutKey)).toEqual([expect.stringMatching(/^CPR_ENCRYPTION_KEY: the development default is refused/)]);
  });

  it('names each malformed variable', () => {
    const problems = problemsOf({ PORT: 'eighty', DATABASE_URL: 'mysql://x', CPR_HMAC_KEY: 'short', AUTH_MODE: 'saml' });
    for (const name of ['PORT', 'DATABASE_URL', 'CPR_HMAC_KEY', 'AUTH_MODE']) expect(problems.join('\n')).toContain(name);
  });

  it('requires issuer and audience in oidc mode, and distinct CPR keys', () => {
    expect(problemsOf({ AUTH_MODE: 'oidc' }).join('\n')).toMatch(/OIDC_ISSUER[\s\S]*OIDC_AUDIENCE/);
    expect(problemsOf({ CPR_HMAC_KEY: secret(3), CPR_ENCRYPTION_KEY: secret(3) })).toEqual([
      'CPR_HMAC_KEY: must differ from CPR_ENCRYPTION_KEY',
    ]);
  });

  it('refuses the test fault hook in production, and a malformed one elsewhere', () => {
    expect(problemsOf({ ...production, FAULT_INJECTION: 'matching.match=permanent' })).toEqual([
      'FAULT_INJECTION: the test fault hook is refused when NODE_ENV=production',
    ]);
    expect(
      problemsOf({ NODE_ENV: 'test', FAULT_INJECTION: 'matching.match=transient:3,notification.referrer-milestone=stall:500' }),
    ).toEqual([]);
    expect(problemsOf({ NODE_ENV: 'test', FAULT_INJECTION: 'matching.nope=permanent' })).toEqual([
      'FAULT_INJECTION: unknown job "matching.nope"',
    ]);
    expect(problemsOf({ NODE_ENV: 'test', FAULT_INJECTION: 'matching.match=sometimes' })).toHaveLength(1);
  });

  it('takes Redis Cluster seed nodes only with a hash-tagged queue prefix, naming the variable', () => {
    const nodes = 'redis://127.0.0.1:7001,redis://127.0.0.1:7002';
    expect(problemsOf({ REDIS_CLUSTER_NODES: nodes, QUEUE_PREFIX: '{bro}' })).toEqual([]);
    expect(problemsOf({ REDIS_CLUSTER_NODES: 'rediss://:secret@redis-1.internal:6380', QUEUE_PREFIX: 'bro-{prod}' })).toEqual([]);
    expect(problemsOf({ REDIS_CLUSTER_NODES: nodes })).toEqual([
      expect.stringMatching(/^QUEUE_PREFIX: must hold a hash tag such as \{bro\}/),
    ]);
    for (const bad of ['127.0.0.1:7001', 'redis://127.0.0.1', 'redis://a:1,,redis://b:2', 'http://x:1']) {
      expect(problemsOf({ REDIS_CLUSTER_NODES: bad, QUEUE_PREFIX: '{bro}' })).toEqual([
        expect.stringMatching(/^REDIS_CLUSTER_NODES must be redis:\/\/host:port URLs/),
      ]);
    }
  });

  it('takes the queue board credential as a pair, the password only as an scrypt hash', () => {
    const hash = `scrypt:16384:8:1:${'a'.repeat(22)}:${'b'.repeat(43)}`;
    expect(problemsOf({ OPS_USER: 'drift', OPS_PASSWORD_HASH: hash })).toEqual([]);
    expect(problemsOf({ OPS_USER: 'drift' })).toEqual([expect.stringMatching(/^OPS_PASSWORD_HASH: the queue board needs both/)]);
    expect(problemsOf({ OPS_PASSWORD_HASH: hash })).toEqual([expect.stringMatching(/^OPS_USER: the queue board needs both/)]);
    expect(problemsOf({ OPS_USER: 'drift', OPS_PASSWORD_HASH: 'hunter2hunter2' })).toEqual([
      expect.stringMatching(/^OPS_PASSWORD_HASH must be an scrypt hash/),
    ]);
  });
});
