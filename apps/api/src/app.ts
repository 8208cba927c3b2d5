import helmet from '@fastify/helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppConfig, Metrics, requestIdFor } from '@bro/platform';
import { Logger } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { ApiModule } from './api.module';
import { registerJsonBodyParser } from './http/json-body';
import { registerRateLimits } from './http/rate-limits';
import { registerQueueBoard } from './ops/queue-board';
import { openReferralCors } from './openreferral/cors';
import { addErrorBodySchema } from './http/error-codes';
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

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Bro')
      .setDescription('Case flow for social henvisning (social prescribing). See docs/ and the design notes for the rules.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  addErrorBodySchema(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  await serveWebApp(app);
  return app;
}
