import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { AppConfig, OutboxWakeups } from '@bro/platform';
import type { User } from './user.entity';

/** The NOTIFY channel of the `app_user_changed` trigger (migration UserChangeNotify1765300000000). */
export const USER_CHANGED_CHANNEL = 'bro_user_changed';

type KeptUser = Pick<User, 'id' | 'username' | 'role' | 'municipalityId' | 'organisation' | 'active'>;

/**
 * The users the auth guard read a moment ago (ADR 0034), so that a client sending many
 * requests does not cost a read of `app_user` — a round trip and a commit — for each.
 *
 * - Kept for `AUTH_USER_CACHE_MS` (default 2 s; 0 turns the cache off).
 * - Any change to a user row, made anywhere, is NOTIFYed by a trigger at commit; every
 *   process that keeps users LISTENs and drops that user. Bro's own changes
 *   (`UsersService.update`) also drop it at once in the process that made them.
 * - Nothing is kept while the LISTEN connection is down, and everything is dropped
 *   when it comes back (what was sent meanwhile is lost).
 * - A read that overlaps a change is not kept (a generation count), so a notification
 *   cannot be overtaken by the row it made stale.
 * The listener starts with the first request that uses the cache: a process that never
 * authenticates a request (the worker) never opens it.
 */
@Injectable()
export class ActiveUserCache implements OnModuleDestroy {
  private readonly kept = new Map<string, { user: KeptUser; until: number }>();
  private generationNow = 0;
  private listener?: OutboxWakeups;
  private readonly ttl: number;

  constructor(private readonly config: AppConfig) {
    this.ttl = config.AUTH_USER_CACHE_MS;
  }

  /** Take before reading a user; hand back to `keep`. */
  get generation(): number {
    return this.generationNow;
  }

  get(id: string, municipalityId: string): KeptUser | undefined {
    if (this.ttl === 0 || !this.listening()) return undefined;
    const entry = this.kept.get(id);
    if (!entry) return undefined;
    if (entry.until <= performance.now() || entry.user.municipalityId !== municipalityId) {
      this.kept.delete(id);
      return undefined;
    }
    return entry.user;
  }

  /** Keeps a user just read, unless something changed since `generation` was taken. */
  keep(user: KeptUser, generation: number): void {
    if (this.ttl === 0 || generation !== this.generationNow || !this.listening()) return;
    if (this.kept.size >= 10_000) this.kept.clear(); // a bound, not a policy: a burst of new users refills it
    this.kept.set(user.id, {
      user: {
        id: user.id,
        username: user.username,
        role: user.role,
        municipalityId: user.municipalityId,
        organisation: user.organisation,
        active: user.active,
      },
      until: performance.now() + this.ttl,
    });
  }

  /** Drops one user (or all, without an id). */
  forget(id?: string): void {
    this.generationNow++;
    if (id === undefined) this.kept.clear();
    else this.kept.delete(id);
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener?.stop();
  }

  /** Whether users are being kept now (the listener is in place); starts it if need be. */
  get ready(): boolean {
    return this.ttl > 0 && this.listening();
  }

  private listening(): boolean {
    if (!this.listener) {
      this.listener = new OutboxWakeups(this.config.DATABASE_URL, (payload) => this.forget(payload || undefined), USER_CHANGED_CHANNEL);
      this.listener.start();
    }
    return this.listener.listening;
  }
}
