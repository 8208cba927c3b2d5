import { readFileSync, writeFileSync } from 'node:fs';
import type { OpenAPIObject } from '@nestjs/swagger';
import openapiTS, { astToString } from 'openapi-typescript';
import { openApiDocumentOffline } from './openapi';

/** Where the web app's types are generated to (`npm run gen:api`). */
const SCHEMA_TYPES_FILE = 'apps/web/src/api/schema.d.ts';

/** The document as the TypeScript types the web app imports (openapi-typescript, a pinned dev dependency: not in the api's runtime). */
async function schemaTypesFor(document: OpenAPIObject): Promise<string> {
  return astToString(await openapiTS(document as unknown as Parameters<typeof openapiTS>[0]));
}

/**
 * A body is described by a JSON schema, or — for a file (a PDF, an iCalendar feed) —
 * by a string schema under its own content type; a bare `{}` describes nothing.
 */
function describesBody(content: Record<string, { schema?: unknown }> | undefined): boolean {
  if (!content) return false;
  return Object.entries(content).some(([type, media]) =>
    type === 'application/json' ? !!media.schema : (media.schema as { type?: string } | undefined)?.type === 'string',
  );
}

/**
 * The web app's response types are generated from the OpenAPI document (ADR 0023):
 * this fails when a response DTO changed and the generated file was not. `npm run
 * gen:api` runs it with UPDATE_API_TYPES=1, which writes the file instead.
 */
describe('the OpenAPI document and the web app’s generated types', () => {
  let document: OpenAPIObject;
  beforeAll(async () => {
    document = await openApiDocumentOffline();
  });

  it(`${SCHEMA_TYPES_FILE} is generated from the current document`, async () => {
    const types = await schemaTypesFor(document);
    if (process.env.UPDATE_API_TYPES === '1') writeFileSync(SCHEMA_TYPES_FILE, types);
    const committed = readFileSync(SCHEMA_TYPES_FILE, 'utf8');
    if (committed !== types) {
      const [was, is] = [committed.split('\n'), types.split('\n')];
      const at = Array.from({ length: Math.max(was.length, is.length) }, (_, i) => i).find((i) => was[i] !== is[i]) ?? 0;
      throw new Error(`${SCHEMA_TYPES_FILE} is stale from line ${at + 1}: run \`npm run gen:api\` and commit the file`);
    }
  });

  it('describes the body of every /v1 answer as a schema (JSON, or a file’s bytes or text)', () => {
    const undescribed = Object.entries(document.paths).flatMap(([path, item]) =>
      (['get', 'post', 'put', 'patch', 'delete'] as const)
        .filter((method) => item[method] && path.startsWith('/v1/'))
        .filter((method) => {
          const answers = Object.entries(item[method]!.responses).filter(([status]) => status.startsWith('2'));
          return !answers.some(([, answer]) => answer && 'content' in answer && describesBody(answer.content));
        })
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(undescribed).toEqual([]);
  });
});
