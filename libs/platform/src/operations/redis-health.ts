import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Cluster, Redis } from 'ioredis';
import { AppConfig } from '../config/app-config';
import { dataNodes, redisClient } from '../queue/redis-options';

/**
 * Redis readiness: reachable, and configured with maxmemory-policy noeviction —
 * an evicting Redis silently drops BullMQ's jobs and locks, so Bro is not ready on one.
 * Uses its own connection that fails fast instead of queueing commands while offline.
 */
@Injectable()
export class RedisHealthIndicator implements OnModuleDestroy {
  private readonly redis: Redis | Cluster;

  constructor(
    config: AppConfig,
    private readonly indicators: HealthIndicatorService,
  ) {
    this.redis = redisClient(config, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2_000,
    });
    this.redis.on('error', () => undefined); // reported by the check, not as log noise
  }

  async check(key = 'redis') {
    const indicator = this.indicators.check(key);
    try {
      if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect();
      // On a cluster every master must be reachable and keep its keys.
      const nodes = dataNodes(this.redis);
      if (nodes.length === 0) return indicator.down({ message: 'no cluster master known' });
      const infos = await withTimeout(Promise.all(nodes.map((n) => n.info('memory'))), 2_000);
      const policies = infos.map((info) => /maxmemory_policy:(\S+)/.exec(info)?.[1] ?? 'unknown');
      const policy = policies.find((p) => p !== 'noeviction') ?? 'noeviction';
      const cluster = nodes.length > 1 || nodes[0] !== this.redis ? { clusterMasters: nodes.length } : {};
      if (policy !== 'noeviction')
        return indicator.down({ maxmemoryPolicy: policy, ...cluster, message: 'maxmemory-policy must be noeviction' });
      return indicator.up({ maxmemoryPolicy: policy, ...cluster });
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
