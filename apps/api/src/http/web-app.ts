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

/**
 * Serves the built web app at `/`: its files as they are, and index.html for any
 * other GET outside the API (the app's own routes, e.g. /sager/…), so a reload of a
 * deep link works. Without a build the api runs as before.
 */
export async function serveWebApp(app: NestFastifyApplication, root = webAppRoot()): Promise<void> {
  if (!root) return;
  // wildcard: false registers one route per built file; the catch-all below is ours.
  await app.register(fastifyStatic, { root, prefix: '/', wildcard: false });
  app
    .getHttpAdapter()
    .getInstance()
    .get('/*', (req, reply) => {
      const path = req.url.split('?')[0];
      if (NOT_THE_APP.test(path) || /\.[a-z0-9]+$/i.test(path)) return reply.callNotFound();
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
}
