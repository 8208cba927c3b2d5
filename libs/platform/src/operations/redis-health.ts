import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config';
import { redisOptions } from '../queue/redis-options';

/**
 * Redis readiness: reachable, and configured with maxmemory-policy noeviction —
 * an evicting Redis silently drops BullMQ's jobs and locks, so Bro is not ready on one.
 * Uses its own connection that fails fast instead of queueing commands while offline.
 */
@Injectable()
export class RedisHealthIndicator implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    config: AppConfig,
    private readonly indicators: HealthIndicatorService,
  ) {
    this.redis = new Redis(
      redisOptions(config.REDIS_URL, {
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        connectTimeout: 2_000,
      }),
    );
    this.redis.on('error', () => undefined); // reported by the check, not as log noise
  }

  async check(key = 'redis') {
    const indicator = this.indicators.check(key);
    try {
      if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect();
      const info = await withTimeout(this.redis.info('memory'), 2_000);
      const policy = /maxmemory_policy:(\S+)/.exec(info)?.[1] ?? 'unknown';
      if (policy !== 'noeviction') return indicator.down({ maxmemoryPolicy: policy, message: 'maxmemory-policy must be noeviction' });
      return indicator.up({ maxmemoryPolicy: policy });
    } catch (err) {
      return indicator.down({ message: err instanceof Error ? err.message : 'unreachable' });
    }
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}
