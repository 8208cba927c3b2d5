import helmet from '@fastify/helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { AppConfig, Metrics, requestIdFor } from '@bro/platform';
import { Logger } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { ApiModule } from './api.module';
import { registerJsonBodyParser } from './http/json-body';
import { openApiDocument } from './http/openapi';
import { registerRateLimits } from './http/rate-limits';
import { registerQueueBoard } from './ops/queue-board';
import { openReferralCors } from './openreferral/cors';
import { serveWebApp } from './http/web-app';

const BODY_LIMIT = 256 * 1024;

/** Builds the api application (used by main.ts and by the end-to-end tests). */
export async function createApiApp(): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT,
    // One request id for fastify, the logger, audit rows and job payloads.
    genReqId: (req: IncomingMessage) => {
      const id = requestIdFor(req);
      (req as IncomingMessage & { id?: string }).id = id;
      return id;
    },
    // HSDS 3.0 names the feed's root `/` (`GET /openreferral/`): the one path where a trailing slash is the same route.
    rewriteUrl: (req: IncomingMessage) => (req.url ?? '/').replace(/^\/openreferral\/(?=\?|$)/, '/openreferral'),
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule, adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();

  const config = app.get(AppConfig);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // The web app fetches the OIDC issuer's discovery document and token endpoint (PKCE).
        connectSrc: ["'self'", ...(config.AUTH_MODE === 'oidc' && config.OIDC_ISSUER ? [new URL(config.OIDC_ISSUER).origin] : [])],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });

  await registerRateLimits(app);
  await registerQueueBoard(app);

  const fastify = app.getHttpAdapter().getInstance();
  // JSON and FHIR's application/fhir+json (ADR 0009): one parser, depth-bounded, prototype poisoning refused (ADR 0016).
  registerJsonBodyParser(app, BODY_LIMIT);
  fastify.addHook('onRequest', openReferralCors);
  fastify.addHook('onRequest', (req, reply, done) => {
    void reply.header('x-request-id', req.id);
    done();
  });
  const metrics = app.get(Metrics);
  fastify.addHook('onResponse', (req, reply, done) => {
    metrics.httpDuration.observe(
      { method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });

  const document = openApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  await serveWebApp(app);
  return app;
}
