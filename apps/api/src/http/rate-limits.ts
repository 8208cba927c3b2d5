import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TokenService } from '@bro/auth';
import { AppConfig, RateLimitedError, redisClient } from '@bro/platform';
import type { FastifyRequest } from 'fastify';

/**
 * Rate limits on the routes worth abusing: intake (per verified user), the dev-token
 * endpoint, the public referral form and the public link routes (per address). Counters live in Redis so every api process
 * shares them, and the limiter fails open: with Redis away it lets requests through
 * at once (no offline queue, no retries), because intake must never depend on Redis.
 *
 * The limiter runs before the auth guard, so it verifies the bearer token itself
 * (signature, issuer, audience, expiry — what the guard checks first): a bucket per
 * user only for a token Bro or the identity provider signed. A forged, expired or
 * unreadable token counts against the caller's address, so inventing `sub`s neither
 * buys fresh buckets nor adds a Redis key per token (ADR 0016).
 */
export async function registerRateLimits(app: NestFastifyApplication): Promise<void> {
  const config = app.get(AppConfig);
  const userKey = verifiedUserKey(app.get(TokenService));
  const limits: Record<string, { max: number; key: (req: FastifyRequest) => string | Promise<string> }> = {
    'POST /v1/referrals': { max: config.RATE_LIMIT_INTAKE_PER_MINUTE, key: userKey },
    'POST /fhir': { max: config.RATE_LIMIT_INTAKE_PER_MINUTE, key: userKey },
    'POST /v1/auth/dev-token': { max: config.RATE_LIMIT_TOKEN_PER_MINUTE, key: (req) => `ip:${req.ip}` },
    // No login: the address is all there is. The municipality's own limit is counted by intake (ADR 0030).
    'POST /v1/public/referrals': { max: config.RATE_LIMIT_PUBLIC_PER_MINUTE, key: (req) => `ip:${req.ip}` },
    // The links mailed to hosts and følgevenner: a token is 256 bits, but guessing should still cost.
    'GET /v1/handover/:token': { max: config.RATE_LIMIT_LINK_PER_MINUTE, key: (req) => `ip:${req.ip}` },
    'POST /v1/handover/:token/answer': { max: config.RATE_LIMIT_LINK_PER_MINUTE, key: (req) => `ip:${req.ip}` },
    'GET /v1/offer-check/:token': { max: config.RATE_LIMIT_LINK_PER_MINUTE, key: (req) => `ip:${req.ip}` },
    'POST /v1/offer-check/:token': { max: config.RATE_LIMIT_LINK_PER_MINUTE, key: (req) => `ip:${req.ip}` },
  };
  const limitOf = (req: FastifyRequest) => limits[`${req.method} ${req.routeOptions.url ?? ''}`];

  const redis = redisClient(config, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 1_000,
    keyPrefix: `${config.QUEUE_PREFIX}:rate:`,
  });
  redis.on('error', () => undefined); // readiness reports Redis; the limiter just fails open
  // Without an offline queue, requests that arrive before the connection is up would
  // pass uncounted: wait for it briefly (an unreachable Redis fails at once, or in 1 s).
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, 1_000);
    function done() {
      clearTimeout(timer);
      redis.off('ready', done).off('error', done);
      resolve();
    }
    redis.once('ready', done).once('error', done);
  });
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
    keyGenerator: async (req) => `${req.routeOptions.url}:${(await limitOf(req)?.key(req)) ?? req.ip}`,
    // Thrown by the plugin, so it reaches the error filter and leaves in the one error shape.
    errorResponseBuilder: (_req, context) =>
      new RateLimitedError(`Too many requests: at most ${context.max} a minute. Try again in ${context.after}.`),
  });
}

/** The caller's bucket: `user:<sub>` for a verified token, else `ip:<address>`. Never throws. */
function verifiedUserKey(tokens: TokenService): (req: FastifyRequest) => Promise<string> {
  return async (req) => {
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(req.headers.authorization ?? '');
    if (match) {
      try {
        return `user:${(await tokens.verify(match[1])).sub}`;
      } catch {
        // forged, expired, or the issuer's keys out of reach: the address's bucket
      }
    }
    return `ip:${req.ip}`;
  };
}
