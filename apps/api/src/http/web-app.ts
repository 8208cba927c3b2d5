import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Paths the app never answers: the API (REST, FHIR, Open Referral), its docs, the operations endpoints and the queue board keep their own 404s. */
const NOT_THE_APP = /^\/(v1|fhir|openreferral|docs|docs-json|health|metrics|ops)(\/|$|\?)/;

/**
 * Where `npm run build` puts the web app (apps/web, built by Vite): `dist/web`.
 * Compiled, this file is dist/apps/api/src/http; under ts-jest it is apps/api/src/http.
 */
export function webAppRoot(): string | null {
  const candidates = [join(__dirname, '..', '..', '..', '..', 'web'), join(__dirname, '..', '..', '..', '..', 'dist', 'web')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

/** Vite names the files under assets/ by their content hash: a changed file is a new name, so they can be kept for ever. */
const HASHED = /[/\\]assets[/\\][^/\\]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+(\.br|\.gz)?$/;
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built web app at `/`: its files as they are, and index.html for any
 * other GET outside the API (the app's own routes, e.g. /sager/…), so a reload of a
 * deep link works. Without a build the api runs as before.
 *
 * Text files go out compressed: the build writes a `.br` and a `.gz` beside each
 * (apps/web/vite.config.mts), and the one the browser accepts is sent, so no CPU is
 * spent per request. Hashed files are cached for a year; index.html and the other
 * unhashed files (favicon) are revalidated each time, so a deploy is seen at once.
 */
export async function serveWebApp(app: NestFastifyApplication, root = webAppRoot()): Promise<void> {
  if (!root) return;
  // wildcard: false registers one route per built file; the catch-all below is ours.
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    preCompressed: true,
    setHeaders: (reply, path) => {
      reply.header('cache-control', HASHED.test(path) ? IMMUTABLE : 'no-cache');
    },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .get('/*', (req, reply) => {
      const path = req.url.split('?')[0];
      if (NOT_THE_APP.test(path) || /\.[a-z0-9]+$/i.test(path)) return reply.callNotFound();
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
}
