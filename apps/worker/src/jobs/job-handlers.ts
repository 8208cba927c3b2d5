import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { checkJobHandlers, isJobName, JobContext, JobName, ON_JOB } from '@bro/platform';

export type DiscoveredHandler = (data: unknown, context: JobContext) => Promise<unknown>;

/**
 * The handler of every job, found at start-up: each method of each provider that carries
 * `@OnJob(name)` (ADR 0021). Start-up fails when a job of the registry has no handler or
 * two, or a handler names a job the registry does not know.
 */
@Injectable()
export class JobHandlers implements OnModuleInit {
  private readonly logger = new Logger('Jobs');
  private handlers?: ReadonlyMap<JobName, DiscoveredHandler>;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    this.all();
  }

  /** The handler of `name`, or undefined for a name the registry does not know. */
  get(name: string): DiscoveredHandler | undefined {
    return isJobName(name) ? this.all().get(name) : undefined;
  }

  private all(): ReadonlyMap<JobName, DiscoveredHandler> {
    if (this.handlers) return this.handlers;
    // One entry per class and method: a provider listed in two modules is still one handler.
    const found = new Map<string, Map<string, DiscoveredHandler>>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object | null;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = (instance as Record<string, unknown>)[method];
        if (typeof fn !== 'function') continue;
        const name = this.reflector.get<string | undefined>(ON_JOB, fn as () => unknown);
        if (!name) continue;
        const where = `${instance.constructor.name}.${method}`;
        if (!found.has(name)) found.set(name, new Map());
        found.get(name)!.set(where, (fn as DiscoveredHandler).bind(instance));
      }
    }
    const problems = checkJobHandlers([...found].flatMap(([name, byPlace]) => [...byPlace.keys()].map(() => name)));
    if (problems.length > 0) {
      const places = [...found].map(([name, byPlace]) => `${name} → ${[...byPlace.keys()].join(', ')}`).join('; ');
      throw new Error(`job registry and @OnJob handlers disagree: ${problems.join('; ')} (found: ${places})`);
    }
    const handlers = new Map([...found].map(([name, byPlace]) => [name as JobName, [...byPlace.values()][0]]));
    this.logger.log(`${handlers.size} job handlers discovered`);
    this.handlers = handlers;
    return handlers;
  }
}
