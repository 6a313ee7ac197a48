import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** Sorted by key, so the committed document changes only when the API does. */
function sortedByKey<T>(record: Record<string, T> | undefined): Record<string, T> | undefined {
  if (!record) return record;
  return Object.fromEntries(
    Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}

/**
 * The OpenAPI document of an app: what GET /api/docs-json serves and what `npm run openapi`
 * commits (with the types generated from it) for the web app. One function for both.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Translation management server')
    .setDescription('Segments, translations, review, publications and the public reader API.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.paths = sortedByKey(document.paths) ?? {};
  if (document.components) document.components.schemas = sortedByKey(document.components.schemas);
  return document;
}
