import type { ConnectionOptions, RedisOptions } from 'bullmq';
import { Cluster, ClusterOptions, Redis } from 'ioredis';

/** ioredis options from a redis:// or rediss:// URL, as BullMQ wants them. */
export function redisOptions(url: string, overrides: Partial<RedisOptions> = {}): RedisOptions {
  const u = new URL(url);
  const db = u.pathname && u.pathname !== '/' ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: Number.isFinite(db) ? db : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    // BullMQ workers need blocking commands to wait across reconnects.
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    ...overrides,
  };
}

/** Where Redis is: one server (REDIS_URL) or a cluster (REDIS_CLUSTER_NODES), as in AppConfig. */
export interface RedisTarget {
  REDIS_URL: string;
  REDIS_CLUSTER_NODES?: string;
}

const CLUSTER_SPEC = Symbol('bro:redis-cluster');

/**
 * A cluster connection not yet opened. BullMQ only opens single-server connections
 * from options; a cluster needs an ioredis Cluster instance, which BullMQ then treats
 * as shared and never closes. So the spec travels as the `connection` option and the
 * queue and worker classes (reporting-classes.ts) open a Cluster of their own from it
 * and close it with themselves.
 */
export interface ClusterSpec {
  readonly [CLUSTER_SPEC]: { nodes: { host: string; port: number }[]; options: ClusterOptions };
}

export function isClusterSpec(connection: unknown): connection is ClusterSpec {
  return typeof connection === 'object' && connection !== null && CLUSTER_SPEC in connection;
}

export function openCluster(spec: ClusterSpec): Cluster {
  const { nodes, options } = spec[CLUSTER_SPEC];
  return new Cluster(nodes, options);
}

function clusterSpec(nodesList: string, overrides: Partial<RedisOptions>): ClusterSpec {
  const urls = nodesList.split(',').map((n) => new URL(n.trim()));
  const first = redisOptions(urls[0].toString());
  const { retryStrategy, enableOfflineQueue, lazyConnect, keyPrefix, ...perNode } = { ...first, ...overrides };
  delete perNode.host;
  delete perNode.port;
  delete perNode.db; // a cluster has database 0 only
  return {
    [CLUSTER_SPEC]: {
      nodes: urls.map((u) => ({ host: u.hostname, port: Number(u.port) })),
      options: {
        redisOptions: perNode,
        clusterRetryStrategy: retryStrategy,
        enableOfflineQueue,
        lazyConnect,
        keyPrefix,
        // Re-read the slot map soon after a failover moves slots.
        slotsRefreshTimeout: 2_000,
      },
    },
  };
}

/**
 * The `connection` option for BullMQ queues and workers: single-server options, or a
 * cluster spec that ReportingQueue/ReportingWorker/OwnedQueue open themselves.
 */
export function bullConnection(target: RedisTarget, overrides: Partial<RedisOptions> = {}): ConnectionOptions {
  if (target.REDIS_CLUSTER_NODES) return clusterSpec(target.REDIS_CLUSTER_NODES, overrides);
  return redisOptions(target.REDIS_URL, overrides);
}

/** A plain ioredis client (health, rate limits) for one server or the cluster; the caller closes it. */
export function redisClient(target: RedisTarget, overrides: Partial<RedisOptions> = {}): Redis | Cluster {
  if (target.REDIS_CLUSTER_NODES) return openCluster(clusterSpec(target.REDIS_CLUSTER_NODES, overrides));
  return new Redis(redisOptions(target.REDIS_URL, overrides));
}

/** The servers that hold data: the cluster's masters, or the one server. */
export function dataNodes(client: Redis | Cluster): Redis[] {
  return client instanceof Cluster ? client.nodes('master') : [client];
}
