import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ApiModule } from '../api.module';
import { addErrorBodySchema } from './error-codes';

/** The OpenAPI document served at /docs-json: routes, request DTOs and response DTOs. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
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
  return document;
}

/**
 * The same document without PostgreSQL or Redis: Nest's preview mode resolves the
 * module graph (which controllers, which routes) without constructing a provider.
 */
export async function openApiDocumentOffline(): Promise<OpenAPIObject> {
  const app = await NestFactory.create(ApiModule, new FastifyAdapter(), { preview: true, logger: false, abortOnError: false });
  try {
    return openApiDocument(app);
  } finally {
    await app.close();
  }
}
