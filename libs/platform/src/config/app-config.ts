import { plainToInstance, Transform } from 'class-transformer';
import { faultRuleProblems } from './fault-rules';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

/**
 * The one validated configuration object. Built from the environment at start-up;
 * a bad value stops the process with a message that names the variable.
 *
 * Dev defaults exist so that `npm start` and the tests need no setup. They are
 * refused when NODE_ENV=production, as is AUTH_MODE=dev.
 */
export const DEV_DEFAULTS = {
  DEV_JWT_SECRET: 'bro-dev-jwt-secret-not-for-production-use-000',
  // 32 bytes, base64. Public knowledge: these protect nothing outside a laptop.
  CPR_HMAC_KEY: 'YnJvLWRldi1jcHItaG1hYy1rZXktbm90LXNlY3JldCE=',
  CPR_ENCRYPTION_KEY: 'YnJvLWRldi1jcHItYWVzLWtleS0tbm90LXNlY3JldCE=',
} as const;

const int = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(int)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** The worker's own small HTTP server: health and metrics. */
  @Transform(int)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_PORT = 3001;

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/bro';

  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  /**
   * `on`: each parameterized statement is prepared once per connection (ADR 0040); `off`
   * sends every statement unnamed, as TypeORM does, for comparison in the benches.
   */
  @IsIn(['on', 'off'])
  DATABASE_PREPARE: 'on' | 'off' = 'on';

  /**
   * `refuse`: asking the pool for a connection inside transaction work fails at once
   * (`connection-guard.ts`; the tests run so). `allow` lets it wait, as a pool does.
   */
  @IsIn(['allow', 'refuse'])
  DATABASE_NESTED_CONNECTIONS: 'allow' | 'refuse' = 'allow';

  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** BullMQ key prefix. On Redis Cluster it must hold a hash tag, e.g. `{bro}`, so each queue's keys share one slot. */
  @IsString()
  @Matches(/^[A-Za-z0-9_{}.-]+$/)
  QUEUE_PREFIX = 'bro';

  /**
   * Redis Cluster seed nodes, `redis://host:port` (or rediss://) URLs, comma-separated.
   * When set, every Redis client (queues, relay, rate limits, health, the queue board)
   * talks to the cluster instead of REDIS_URL; credentials and TLS come from the first
   * URL. QUEUE_PREFIX must then carry a hash tag (ADR 0019).
   */
  @IsOptional()
  @Matches(/^rediss?:\/\/([^\s,/@]+@)?[A-Za-z0-9.-]+:\d{1,5}\/?(,rediss?:\/\/([^\s,/@]+@)?[A-Za-z0-9.-]+:\d{1,5}\/?)*$/, {
    message: 'REDIS_CLUSTER_NODES must be redis://host:port URLs (or rediss://), comma-separated',
  })
  REDIS_CLUSTER_NODES?: string;

  /** The operators' queue board (/ops/queues): its user name. The board is off unless both OPS_ variables are set. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'OPS_USER must be 1–64 letters, digits, dots, dashes or underscores' })
  OPS_USER?: string;

  /** The operator's password as an scrypt hash, made with `npm run ops:password-hash` (never the password itself). */
  @IsOptional()
  @Matches(/^scrypt:\d{4,7}:\d{1,2}:\d{1,2}:[A-Za-z0-9_-]{16,}:[A-Za-z0-9_-]{43}$/, {
    message: 'OPS_PASSWORD_HASH must be an scrypt hash from `npm run ops:password-hash` (scrypt:N:r:p:salt:hash)',
  })
  OPS_PASSWORD_HASH?: string;

  @IsIn(['dev', 'oidc'])
  AUTH_MODE: 'dev' | 'oidc' = 'dev';

  @IsOptional()
  @IsUrl({ require_tld: false })
  OIDC_ISSUER?: string;

  @IsOptional()
  @IsString()
  OIDC_AUDIENCE?: string;

  /** Defaults to `<OIDC_ISSUER>/.well-known/jwks.json` when unset. */
  @IsOptional()
  @IsUrl({ require_tld: false })
  OIDC_JWKS_URL?: string;

  @IsString()
  @Matches(/^(RS|PS|ES)(256|384|512)(,(RS|PS|ES)(256|384|512))*$/, {
    message: 'OIDC_ALGORITHMS must be a comma-separated list of asymmetric JWS algorithms (e.g. RS256,ES256)',
  })
  OIDC_ALGORITHMS = 'RS256,ES256';

  @IsString()
  @MinLength(32)
  DEV_JWT_SECRET: string = DEV_DEFAULTS.DEV_JWT_SECRET;

  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'CPR_HMAC_KEY must be 32 bytes, base64-encoded' })
  CPR_HMAC_KEY: string = DEV_DEFAULTS.CPR_HMAC_KEY;

  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'CPR_ENCRYPTION_KEY must be 32 bytes, base64-encoded' })
  CPR_ENCRYPTION_KEY: string = DEV_DEFAULTS.CPR_ENCRYPTION_KEY;

  /** Stored with every ciphertext so that keys can rotate. */
  @Matches(/^[a-z0-9-]{1,16}$/)
  CPR_ENCRYPTION_KEY_ID = 'k1';

  /**
   * Keys rotated out, still needed to read what they sealed until the nightly re-seal
   * has moved every row to the current key: `id:base64key` pairs, comma-separated.
   */
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,16}:[A-Za-z0-9+/]{43}=(,[a-z0-9-]{1,16}:[A-Za-z0-9+/]{43}=)*$/, {
    message: 'CPR_ENCRYPTION_RETIRED_KEYS must be id:key pairs (32-byte keys, base64), comma-separated',
  })
  CPR_ENCRYPTION_RETIRED_KEYS?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Write the log to this file instead of stdout. */
  @IsOptional()
  @IsString()
  LOG_FILE?: string;

  /** SMTP server for messages to staff (smtp:// or smtps://); unset keeps them in the database only. */
  @IsOptional()
  @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false })
  SMTP_URL?: string;

  @IsString()
  SMTP_FROM = 'Bro <bro@localhost>';

  /**
   * The municipality's SMS gateway: Bro posts `{ to, text }` as JSON here (http or https).
   * Unset keeps SMS in the database only (the demo's local adapter).
   */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  SMS_GATEWAY_URL?: string;

  /**
   * MedCom (ADR 0028): how messages to GPs leave — `file` (one JSON file per message in
   * MEDCOM_OUTBOX_DIR, for a VANS gateway to pick up) or `http` (POST to MEDCOM_OUTBOUND_URL).
   * Unset: nothing is sent (messages wait in the ledger).
   */
  @IsOptional()
  @IsIn(['file', 'http'])
  MEDCOM_TRANSPORT?: 'file' | 'http';

  @IsOptional()
  @IsString()
  MEDCOM_OUTBOX_DIR?: string;

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  MEDCOM_OUTBOUND_URL?: string;

  /** How long to wait for the receiver's Acknowledgement before sending the same message again. */
  @Transform(int)
  @IsInt()
  @Min(1_000)
  MEDCOM_RESEND_MS = 15 * 60_000;

  /** Sends of one message in all (the first and the resends) before it is failed and its case flagged. */
  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(10)
  MEDCOM_MAX_SENDS = 3;

  /** Sent as `Authorization: Bearer …` to the SMS gateway. */
  @IsOptional()
  @IsString()
  SMS_GATEWAY_TOKEN?: string;
  /** Where the web app is reached from outside: hand-off and offer-check links start here. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  PUBLIC_WEB_URL = 'http://localhost:3000';

  /**
   * The canonical base of Bro's own FHIR code systems (`<base>/CodeSystem/case-status` …);
   * unset, `<PUBLIC_WEB_URL>/fhir`. Set it once and keep it: GP systems store these URLs.
   */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  FHIR_CANONICAL_BASE?: string;

  /**
   * How long the api keeps an active user's row after reading it for a request (ms; 0:
   * read it on every request). A change to the row reaches every api at once through
   * NOTIFY (ADR 0034); this bounds what a lost notification could leave behind.
   */
  @Transform(int)
  @IsInt()
  @Min(0)
  @Max(60000)
  AUTH_USER_CACHE_MS = 2000;

  /**
   * How long the api keeps a bearer token it has verified (ms; 0: verify every request).
   * Never past the token's own expiry; a key withdrawn from the issuer's JWKS is refused
   * at the latest this long after (ADR 0034).
   */
  @Transform(int)
  @IsInt()
  @Min(0)
  @Max(300000)
  AUTH_TOKEN_CACHE_MS = 30000;

  /** How often the message sweep re-enqueues deliveries that are due again or whose job Redis lost (ms). */
  @Transform(int)
  @IsInt()
  @Min(1000)
  @Max(3600000)
  MESSAGE_SWEEP_MS = 60_000;

  /**
   * Directory outside PostgreSQL where the worker appends each municipality's audit chain
   * head (hourly, and on `npm run audit:anchor`), and which `npm run audit:verify` checks
   * the chain against (ADR 0017). Unset: no anchors are written or checked.
   */
  @IsOptional()
  @IsString()
  @Matches(/^\//, { message: 'AUDIT_ANCHOR_DIR must be an absolute path' })
  AUDIT_ANCHOR_DIR?: string;

  /**
   * How often the worker links newly written audit rows into their municipality's chain
   * (ms, ADR 0042). A row is outside the chain at most about this long.
   */
  @Transform(int)
  @IsInt()
  @Min(10)
  @Max(60000)
  AUDIT_LINK_MS = 200;

  /** How often the outbox relay looks for new rows when idle (ms). */
  @Transform(int)
  @IsInt()
  @Min(10)
  @Max(60000)
  OUTBOX_POLL_MS = 250;

  /** How long the worker may take to finish in-flight jobs on SIGTERM before it exits anyway (ms). */
  @Transform(int)
  @IsInt()
  @Min(1000)
  @Max(600000)
  SHUTDOWN_DEADLINE_MS = 25_000;

  /** How often the matching sweep re-enqueues stuck referrals and waiting areas (ms). */
  @Transform(int)
  @IsInt()
  @Min(1000)
  @Max(3600000)
  MATCHING_SWEEP_MS = 30_000;

  /** How often the follow-up sweep marks due rows overdue and escalates (ms). */
  @Transform(int)
  @IsInt()
  @Min(1000)
  @Max(3600000)
  FOLLOW_UP_SWEEP_MS = 60_000;

  /**
   * How far ahead a follow-up's due job is put in Redis. Further-off ones wait in
   * PostgreSQL until a sweep finds them inside the horizon, so Redis holds jobs for the
   * next minutes only, not one per open follow-up for weeks. Keep it well above
   * FOLLOW_UP_SWEEP_MS.
   */
  @Transform(int)
  @IsInt()
  @Min(10_000)
  @Max(86_400_000)
  FOLLOW_UP_DUE_HORIZON_MS = 900_000;

  /** Referrals one user may submit per minute, counted across all api processes (Redis). */
  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_INTAKE_PER_MINUTE = 300;

  /** Dev-token requests per minute from one address. */
  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_TOKEN_PER_MINUTE = 30;

  /** Public referrals (no login, ADR 0030) per minute from one address (Redis). */
  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_PUBLIC_PER_MINUTE = 5;

  /** Public referrals one municipality takes per hour, counted in PostgreSQL; beyond it 429 until the hour has passed. */
  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_PUBLIC_PER_MUNICIPALITY_PER_HOUR = 200;

  /** Requests per minute from one address to the public link routes (hand-off and offer check). */
  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_LINK_PER_MINUTE = 30;

  /**
   * Jobs the notification queue runs at once. Each delivery holds a connection while the
   * mail server or SMS gateway answers (ADR 0041): raise it with DATABASE_POOL_SIZE.
   */
  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(100)
  WORKER_CONCURRENCY = 5;

  /**
   * Jobs the matching queue runs at once (ADR 0041: at 5, matching's round trips on a busy
   * event loop capped it near 75 referrals/s on two cores; at 15 it held 100/s). Higher
   * than the pool is safe here: a matching job never asks for a second connection.
   */
  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(100)
  MATCHING_CONCURRENCY = 15;

  /**
   * How long a worker's lock on an active job lasts without renewal (ms); the stalled
   * check runs at the same interval. A job whose worker died or froze is run again
   * after about twice this.
   */
  @Transform(int)
  @IsInt()
  @Min(1000)
  @Max(600000)
  JOB_LOCK_MS = 30_000;

  /** An outbox row relayed this long ago, not done and no longer in Redis, is relayed again (ms). */
  @Transform(int)
  @IsInt()
  @Min(1000)
  @Max(86400000)
  OUTBOX_LOST_AFTER_MS = 120_000;

  /**
   * Test-only fault hook (the fault suite, ADR 0011): `<job name>=<rule>` pairs, comma
   * separated, rules `transient:<n>` (the first n attempts fail), `permanent` (fails as
   * unrecoverable), `stall:<ms>` (the first delivery blocks the event loop) or
   * `delay:<ms>` (every run takes that much longer). Refused when NODE_ENV=production.
   */
  @IsOptional()
  @IsString()
  FAULT_INJECTION?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw: Record<string, string> = {};
  for (const key of [
    ...known,
    'OIDC_ISSUER',
    'OIDC_AUDIENCE',
    'OIDC_JWKS_URL',
    'LOG_FILE',
    'SMTP_URL',
    'SMS_GATEWAY_URL',
    'SMS_GATEWAY_TOKEN',
    'MEDCOM_TRANSPORT',
    'MEDCOM_OUTBOX_DIR',
    'MEDCOM_OUTBOUND_URL',
    'FHIR_CANONICAL_BASE',
    'AUDIT_ANCHOR_DIR',
    'CPR_ENCRYPTION_RETIRED_KEYS',
    'FAULT_INJECTION',
    'REDIS_CLUSTER_NODES',
    'OPS_USER',
    'OPS_PASSWORD_HASH',
  ]) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const problems = validateSync(config, { skipMissingProperties: false }).flatMap((e) =>
    Object.values(e.constraints ?? {}).map((m) => (m.startsWith(e.property) ? m : `${e.property}: ${m}`)),
  );

  if (config.NODE_ENV === 'production') {
    if (config.AUTH_MODE === 'dev') problems.push('AUTH_MODE: dev mode is refused when NODE_ENV=production; use oidc');
    for (const key of Object.keys(DEV_DEFAULTS) as (keyof typeof DEV_DEFAULTS)[]) {
      if (key === 'DEV_JWT_SECRET' && config.AUTH_MODE !== 'dev') continue;
      if (config[key] === DEV_DEFAULTS[key])
        problems.push(`${key}: the development default is refused when NODE_ENV=production; set a secret value`);
    }
  }
  if (config.FAULT_INJECTION !== undefined) {
    if (config.NODE_ENV === 'production') problems.push('FAULT_INJECTION: the test fault hook is refused when NODE_ENV=production');
    else problems.push(...faultRuleProblems(config.FAULT_INJECTION));
  }
  if (config.CPR_HMAC_KEY === config.CPR_ENCRYPTION_KEY) {
    problems.push('CPR_HMAC_KEY: must differ from CPR_ENCRYPTION_KEY');
  }
  if (config.AUTH_MODE === 'oidc') {
    if (!config.OIDC_ISSUER) problems.push('OIDC_ISSUER: required when AUTH_MODE=oidc');
    if (!config.OIDC_AUDIENCE) problems.push('OIDC_AUDIENCE: required when AUTH_MODE=oidc');
  }
  if (config.REDIS_CLUSTER_NODES !== undefined && !/\{[^{}]+\}/.test(config.QUEUE_PREFIX)) {
    problems.push('QUEUE_PREFIX: must hold a hash tag such as {bro} when REDIS_CLUSTER_NODES is set (multi-key scripts need one slot)');
  }
  if ((config.OPS_USER === undefined) !== (config.OPS_PASSWORD_HASH === undefined)) {
    problems.push(
      `${config.OPS_USER === undefined ? 'OPS_USER' : 'OPS_PASSWORD_HASH'}: the queue board needs both OPS_USER and OPS_PASSWORD_HASH (or neither)`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
