import { Readable } from 'node:stream';
import { Controller, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  RequestBodyObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { FastifyRequest } from 'fastify';
import { Can, CurrentActor } from '../../auth/auth.decorators';
import { Action, type Actor } from '../../auth/permissions';
import { ApiErrors } from '../../common/api-errors';
import { DomainError } from '../../common/domain-error';
import { readStreamedBody } from '../../common/streamed-body';
import { ImportQuery, ImportResultDto } from './interchange-import.dto';
import { IMPORT_MAX_BYTES, InterchangeImportService } from './interchange-import.service';

/** Media types of an import body; http-app.ts streams them to the import routes only. */
export const IMPORT_MEDIA_TYPES = [
  'application/xliff+xml',
  'application/x-xliff+xml',
  'application/xml',
  'text/xml',
  'text/x-gettext-translation',
  'application/x-gettext',
  'text/x-po',
  'text/plain',
  'application/octet-stream',
];
/** A zip of per-article files: the per-project route only. */
export const ZIP_MEDIA_TYPES = ['application/zip', 'application/x-zip-compressed'];
export const ARTICLE_IMPORT_ROUTE =
  '/api/projects/:project/articles/:article/locales/:locale/import';
export const PROJECT_IMPORT_ROUTE = '/api/projects/:project/locales/:locale/import';
export const IMPORT_ROUTES: readonly string[] = [ARTICLE_IMPORT_ROUTE, PROJECT_IMPORT_ROUTE];

const RULES =
  'Units are matched by id (our segment id). Each unit with a finished target is saved as a ' +
  'translator would save it: the same blocking checks, a revision (action `import`, origin ' +
  '`import`, the importer as author), state `translated` (an import never approves, even when ' +
  'the file says final/approved: a reviewer approves later) and a `segment.translated` event. ' +
  'Skipped: no target (EMPTY), a target the file marks fuzzy/not final (NOT_TRANSLATED, unless ' +
  '`includeFuzzy=true`), an id not in the current source version (UNKNOWN_SEGMENT, or ' +
  'SOURCE_CHANGED when it was in an earlier version or the file’s English differs from the ' +
  'current English). Unchanged: the stored target already (unless it is fuzzy or untranslated, ' +
  'which the file then confirms). Errors: a segment changed since the export (its revision ' +
  'differs from `tms:revision` / the PO `revision=`) is CONFLICT and left as it is unless ' +
  '`force=true` (administrators); CHECK_FAILED; INVALID_UNIT (inline markup the format does not ' +
  'allow, a code id that is not a number); DUPLICATE_UNIT. The body is read as a stream, up to ' +
  `${IMPORT_MAX_BYTES / 1024 / 1024} MB, through a hardened XML reader (no DTD, no entities, ` +
  'depth and size limits, strict UTF-8) or a line-based PO reader; a file refused anywhere ' +
  'changes nothing, since the whole import is one transaction. With `atomic=true` any unit ' +
  'error also applies nothing (422 IMPORT_REJECTED, the report in details). The file may ' +
  'also come as `multipart/form-data` in a field named `file` (streamed as well). Translators and ' +
  'reviewers of the locale, and administrators.';

const FILE_ERRORS = [
  400,
  401,
  403,
  404,
  415,
  'IMPORT_REJECTED',
  'XLIFF_INVALID',
  'PO_MALFORMED',
  'PO_INVALID_UTF8',
  'PO_UNSUPPORTED_ENCODING',
  'PO_LINE_TOO_LONG',
  'PO_TOO_LARGE',
  'XML_MALFORMED',
  'XML_INVALID_UTF8',
  'XML_TOO_LARGE',
  'XML_DOCTYPE_FORBIDDEN',
  'XML_ENTITY_FORBIDDEN',
  'XML_UNSUPPORTED_ENCODING',
  'XML_TOO_DEEP',
  'XML_ATTRIBUTE_TOO_LARGE',
  'XML_TEXT_TOO_LARGE',
  'XML_TOKEN_TOO_LARGE',
  'XML_TOO_MANY_NODES',
] as const;

const isZipType = (contentType: string | undefined): boolean =>
  ZIP_MEDIA_TYPES.includes((contentType ?? '').split(';')[0].trim().toLowerCase());

/** The uploaded file as a stream: the body itself, or the `file` part of a multipart form. */
interface Upload {
  body: Readable;
  zip: boolean;
}

async function upload(request: FastifyRequest): Promise<Upload> {
  if (!request.isMultipart())
    return { body: streamedBody(request), zip: isZipType(request.headers['content-type']) };
  const part = await request.file();
  if (!part)
    throw new DomainError(
      'VALIDATION_FAILED',
      'The form has no file: send it in a field named "file".',
    );
  if (part.fieldname !== 'file') {
    part.file.resume();
    throw new DomainError('VALIDATION_FAILED', 'Send the file in a form field named "file".', {
      field: part.fieldname,
    });
  }
  const zip = isZipType(part.mimetype) || part.filename.toLowerCase().endsWith('.zip');
  return { body: part.file, zip };
}

/** A multipart file part cut at the byte cap fails its stream with Fastify's own error. */
function uploadError(error: unknown): unknown {
  if ((error as { code?: unknown } | null)?.code === 'FST_REQ_FILE_TOO_LARGE')
    return new DomainError(
      'PAYLOAD_TOO_LARGE',
      `The file is larger than ${IMPORT_MAX_BYTES} bytes.`,
    );
  return error;
}

function streamedBody(request: FastifyRequest): Readable {
  const body = request.body;
  if (!(body instanceof Readable))
    throw new DomainError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Send the file itself as the body, as one of ${IMPORT_MEDIA_TYPES.join(', ')}.`,
    );
  return body;
}

/**
 * The request body of an import in the OpenAPI document: the file itself under each of its
 * media types, or a form whose `file` field holds it.
 */
function fileBody(mediaTypes: readonly string[], description: string): RequestBodyObject {
  const file: SchemaObject = { type: 'string', format: 'binary', description };
  return {
    required: true,
    content: {
      ...Object.fromEntries(mediaTypes.map((type) => [type, { schema: file }])),
      'multipart/form-data': {
        schema: { type: 'object', required: ['file'], properties: { file } },
      },
    },
  };
}

@ApiTags('interchange')
@ApiBearerAuth()
@Controller('api/projects/:project')
export class InterchangeImportController {
  constructor(private readonly imports: InterchangeImportService) {}

  @Post('articles/:article/locales/:locale/import')
  @HttpCode(200)
  @Can(Action.TranslateSegment)
  @ApiOperation({
    summary: 'Import translations of one article from an XLIFF 2.0, XLIFF 1.2 or PO file',
    description: RULES,
    requestBody: fileBody(IMPORT_MEDIA_TYPES, 'The XLIFF or PO file'),
  })
  @ApiOkResponse({ type: ImportResultDto })
  @ApiErrors(...FILE_ERRORS)
  async importArticle(
    @CurrentActor() actor: Actor,
    @Param('project') project: string,
    @Param('article') article: string,
    @Param('locale') locale: string,
    @Query() query: ImportQuery,
    @Req() request: FastifyRequest,
  ): Promise<ImportResultDto> {
    const { body, zip } = await upload(request);
    if (zip) {
      body.resume();
      throw new DomainError(
        'UNSUPPORTED_MEDIA_TYPE',
        'A zip is imported per project (POST /api/projects/:project/locales/:locale/import).',
      );
    }
    return readStreamedBody(body, (chunks) =>
      this.imports.importArticle(actor, project, article, locale, chunks, query),
    ).catch((error: unknown) => {
      throw uploadError(error);
    });
  }

  @Post('locales/:locale/import')
  @HttpCode(200)
  @Can(Action.TranslateSegment)
  @ApiOperation({
    summary: 'Import translations of many articles from one XLIFF or PO file',
    description:
      'As the per-article import, each unit going to the article its XLIFF `<file>` names ' +
      '(`tms:article`, else `original`) or, in PO, the `X-TMS-Article` header. The body may ' +
      'also be a zip (`application/zip`) of such files, as the project export gives for PO ' +
      'or for XLIFF with `bundle=zip`: each `.po` (or `.xlf`) entry is imported, ' +
      '`manifest.json` is ignored, all in one transaction with one report. A zip is refused ' +
      'as a whole (ZIP_INVALID: unreadable, an entry with a name that is not a plain relative ' +
      'path or of another format, encrypted; ZIP_TOO_LARGE: over 100 MB, entries expanding ' +
      'to over 200 MB in total or an entry over 1 MB expanding more than 100 times). ' +
      RULES,
    requestBody: fileBody(
      [...IMPORT_MEDIA_TYPES, ...ZIP_MEDIA_TYPES],
      'The file, or a zip of files',
    ),
  })
  @ApiOkResponse({ type: ImportResultDto })
  @ApiErrors(...FILE_ERRORS, 'ZIP_INVALID', 'ZIP_TOO_LARGE')
  async importProject(
    @CurrentActor() actor: Actor,
    @Param('project') project: string,
    @Param('locale') locale: string,
    @Query() query: ImportQuery,
    @Req() request: FastifyRequest,
  ): Promise<ImportResultDto> {
    const { body, zip } = await upload(request);
    return readStreamedBody(body, (chunks) =>
      zip
        ? this.imports.importProjectZip(actor, project, locale, chunks, query)
        : this.imports.importProject(actor, project, locale, chunks, query),
    ).catch((error: unknown) => {
      throw uploadError(error);
    });
  }
}
