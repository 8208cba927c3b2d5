import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/app';
import { createWorkerApp } from '../../apps/worker/src/app';

/**
 * Boots the api in-process (no port; requests go through fastify's inject).
 * `env` overrides the environment for this app only: configuration is read when
 * the app is created.
 */
export async function bootApi(env: Record<string, string> = {}): Promise<NestFastifyApplication> {
  return withEnv(env, async () => {
    const app = await createApiApp();
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return app;
  });
}

/** Boots the worker in-process: processors and the outbox relay start with it. */
export async function bootWorker(env: Record<string, string> = {}): Promise<NestFastifyApplication> {
  return withEnv(env, async () => {
    const app = await createWorkerApp();
    await app.init();
    return app;
  });
}

async function withEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | undefined>;
}

/** One HTTP request against an in-process app. */
export async function http<T = any>(
  app: NestFastifyApplication,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string } = {},
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] ??= 'application/json';
  const res = await app
    .getHttpAdapter()
    .getInstance()
    .inject({ method, url, headers, payload: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)) });
  const type = String(res.headers['content-type'] ?? '');
  const body = (type.includes('json') ? res.json() : res.body) as T;
  return { status: res.statusCode, body, headers: res.headers as HttpResult['headers'] };
}

/**
 * `call(user, method, url, body?)` as that user: a dev token per user, fetched once
 * and reused for the rest of the test file.
 */
export function caller(app: NestFastifyApplication) {
  const tokens = new Map<string, string>();
  return async <T = any>(
    user: { username: string },
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => {
    let token = tokens.get(user.username);
    if (!token) {
      token = (await http<{ accessToken: string }>(app, 'POST', '/v1/auth/dev-token', { body: { username: user.username } })).body
        .accessToken;
      tokens.set(user.username, token);
    }
    return http<T>(app, method, url, { token, body, ...(headers ? { headers } : {}) });
  };
}

/**
 * The api and a worker booted for one test file (in beforeAll, closed in afterAll),
 * with the DataSource and a caller: `const t = withApiAndWorker();` then `t.api`,
 * `t.ds`, `t.call` inside tests.
 */
export function withApiAndWorker(env: Record<string, string> = {}) {
  const t = {} as {
    api: NestFastifyApplication;
    worker: NestFastifyApplication;
    ds: DataSource;
    call: ReturnType<typeof caller>;
  };
  beforeAll(async () => {
    t.api = await bootApi(env);
    t.worker = await bootWorker({ WORKER_PORT: '0', ...env });
    t.ds = t.api.get(DataSource);
    t.call = caller(t.api);
  });
  afterAll(async () => {
    await t.worker.close();
    await t.api.close();
  });
  return t;
}
