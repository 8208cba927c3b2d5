import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import openapiTS, { astToString } from 'openapi-typescript';
import { ApiModule } from '../api.module';

/** Where the web app's types are generated to (`npm run gen:api`; ADR 0023). */
export const SCHEMA_TYPES_FILE = 'apps/web/src/api/schema.d.ts';

/** The OpenAPI document served at /docs-json: routes, request DTOs and response DTOs. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Bro')
      .setDescription('Case flow for social henvisning (social prescribing). See docs/ and the design notes for the rules.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
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

/** The document as the TypeScript types the web app imports (the pinned openapi-typescript). */
export async function schemaTypesFor(document: OpenAPIObject): Promise<string> {
  const ast = await openapiTS(document as unknown as Parameters<typeof openapiTS>[0]);
  return astToString(ast);
}
