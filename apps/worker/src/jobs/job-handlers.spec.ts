import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { JOB_NAMES, JobContext, JobData, JobName, OnJob } from '@bro/platform';
import { JobHandlers } from './job-handlers';

/** A provider that handles every job of the registry but `except` (each method answers its job's name). */
function handlerOfAll(except: readonly JobName[] = []): new () => object {
  class AllJobs {}
  for (const name of JOB_NAMES.filter((n) => !except.includes(n))) {
    const method = async (_data: JobData<typeof name>, _context: JobContext): Promise<unknown> => name;
    Object.defineProperty(AllJobs.prototype, name, { value: method, writable: true, configurable: true });
    OnJob(name)(AllJobs.prototype, name, Object.getOwnPropertyDescriptor(AllJobs.prototype, name)!);
  }
  Injectable()(AllJobs);
  return AllJobs;
}

@Injectable()
class SecondMatcher {
  @OnJob('matching.match')
  async match(_data: JobData<'matching.match'>): Promise<string> {
    return 'second';
  }
}

/** Starts a module of `providers` and JobHandlers: start-up runs the discovery and its check. */
async function discover(...providers: (new () => object)[]): Promise<JobHandlers> {
  @Module({ imports: [DiscoveryModule], providers: [...providers, JobHandlers] })
  class Host {}
  const context = await NestFactory.createApplicationContext(Host, { logger: false, abortOnError: false });
  return context.get(JobHandlers);
}

describe('job handler discovery', () => {
  it('finds the @OnJob method of each job on any provider and calls it bound', async () => {
    const handlers = await discover(handlerOfAll());
    await expect(handlers.get('matching.match')!({}, {} as JobContext)).resolves.toBe('matching.match');
    await expect(handlers.get('maintenance.forget-case')!({}, {} as JobContext)).resolves.toBe('maintenance.forget-case');
    expect(handlers.get('matching.guess')).toBeUndefined();
  });

  it('refuses to start when a job has no handler', async () => {
    await expect(discover(handlerOfAll(['notification.sweep']))).rejects.toThrow('job notification.sweep has no handler');
  });

  it('refuses to start when a job has two handlers, naming both', async () => {
    await expect(discover(handlerOfAll(), SecondMatcher)).rejects.toThrow(
      /job matching\.match has 2 handlers.*AllJobs\.matching\.match, SecondMatcher\.match/,
    );
  });
});
