import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, RateLimitedError, redisClient } from '@bro/platform';
import type { FastifyRequest } from 'fastify';
import { decodeJwt } from 'jose';

/**
 * Rate limits on the routes worth abusing: intake (per user) and the dev-token
 * endpoint (per address). Counters live in Redis so every api process shares them,
 * and the limiter fails open: with Redis away it lets requests through at once (no
 * offline queue, no retries), because intake must never depend on Redis.
 */
export async function registerRateLimits(app: NestFastifyApplication): Promise<void> {
  const config = app.get(AppConfig);
  const limits: Record<string, { max: number; key: (req: FastifyRequest) => string }> = {
    'POST /v1/referrals': { max: config.RATE_LIMIT_INTAKE_PER_MINUTE, key: userKey },
    'POST /fhir': { max: config.RATE_LIMIT_INTAKE_PER_MINUTE, key: userKey },
    'POST /v1/auth/dev-token': { max: config.RATE_LIMIT_TOKEN_PER_MINUTE, key: (req) => `ip:${req.ip}` },
  };
  const limitOf = (req: FastifyRequest) => limits[`${req.method} ${req.routeOptions.url ?? ''}`];

  const redis = redisClient(config, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 1_000,
    keyPrefix: `${config.QUEUE_PREFIX}:rate:`,
  });
  redis.on('error', () => undefined); // readiness reports Redis; the limiter just fails open
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onClose', (_instance, done) => {
    redis.disconnect();
    done();
  });

  await app.register(rateLimit, {
    global: true,
    // One key per command (and the Lua script takes one key), so a Cluster serves as well.
    redis,
    skipOnError: true,
    timeWindow: 60_000,
    allowList: (req) => !limitOf(req),
    max: (req) => limitOf(req)?.max ?? 0,
    keyGenerator: (req) => `${req.routeOptions.url}:${limitOf(req)?.key(req) ?? req.ip}`,
    // Thrown by the plugin, so it reaches the error filter and leaves in the one error shape.
    errorResponseBuilder: (_req, context) =>
      new RateLimitedError(`Too many requests: at most ${context.max} a minute. Try again in ${context.after}.`),
  });
}

/** The caller's user id from the (not yet verified) token; a forged one is refused later, so it only picks a bucket. */
function userKey(req: FastifyRequest): string {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) {
    try {
      const { sub } = decodeJwt(auth.slice(7));
      if (sub) return `user:${sub}`;
    } catch {
      // not a JWT: fall back to the address
    }
  }
  return `ip:${req.ip}`;
}
