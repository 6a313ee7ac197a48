import { Readable } from 'node:stream';
import { Controller, Get, HttpCode, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Can, CurrentActor } from '../auth/auth.decorators';
import { Action, type Actor } from '../auth/permissions';
import { ApiErrors } from '../common/api-errors';
import { DomainError } from '../common/domain-error';
import { readStreamedBody } from '../common/streamed-body';
import type { Page } from '../common/pagination';
import {
  TmMatchDto,
  TmMatchPageDto,
  TmSearchQuery,
  TmxExportQuery,
  TmxImportQuery,
  TmxImportResultDto,
} from './memory.dto';
import { MemoryService } from './memory.service';
import { TMX_MAX_BYTES, TmxService } from './tmx.service';
import { TMX_CONTENT_TYPE } from './tmx/tmx-writer';

/** Media types of a TMX upload; http-app.ts streams these bodies to the import route only. */
export const TMX_MEDIA_TYPES = [TMX_CONTENT_TYPE, 'application/xml', 'text/xml'];
export const TMX_IMPORT_ROUTE = '/api/tm/import';

@ApiTags('memory')
@ApiBearerAuth()
@Controller('api/tm')
export class MemoryController {
  constructor(
    private readonly memory: MemoryService,
    private readonly tmx: TmxService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Search the translation memory',
    description:
      'Any signed-in user; only the entries they may see: those of the projects they are a ' +
      'member of and of projects with `sharedMemory` (admins: all). Exact matches (100) and ' +
      'fuzzy matches above a threshold that rises for short texts, best first; a superseded ' +
      'translation ranks below the current one of the same score.',
  })
  @ApiOkResponse({ type: TmMatchPageDto })
  @ApiErrors(400, 401)
  search(@CurrentActor() actor: Actor, @Query() query: TmSearchQuery): Promise<Page<TmMatchDto>> {
    return this.memory.search(actor, query);
  }

  @Post('import')
  @HttpCode(200)
  @Can(Action.ManageMemory)
  @ApiOperation({
    summary: 'Import a TMX 1.4 file into the translation memory (admin)',
    description:
      `The body is the file itself (${TMX_MEDIA_TYPES.join(', ')}), read as a stream: up to ` +
      `${TMX_MAX_BYTES / 1024 / 1024} MB (413 XML_TOO_LARGE). Each \`<tu>\` gives one entry ` +
      'per target language (`xml:lang` canonicalised: en-US → en, zh-CN → zh-Hans); inline ' +
      '`bpt`/`ept`/`hi` become paired codes `{n}…{/n}`, `ph`/`it`/`ut` standalone codes `{n/}`. ' +
      'A pair already in that memory is not added again. Without `?project=` the entries ' +
      "belong to no project and every signed-in user sees them; with it, that project's " +
      'members (everybody if its memory is shared). A unit with an unknown language or no ' +
      'source segment is listed in `errors` and left out. All or nothing otherwise: XML that ' +
      'is unsafe (a DOCTYPE, so any entity declaration or external DTD), malformed, not UTF-8, ' +
      'nested deeper than 64 or with a value over 1 MB, or a file that is not TMX, is refused ' +
      'with its code and changes nothing.',
  })
  @ApiConsumes(...TMX_MEDIA_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary', description: 'A TMX 1.4 document' } })
  @ApiOkResponse({ type: TmxImportResultDto })
  @ApiErrors(
    400,
    401,
    403,
    404,
    415,
    'XML_MALFORMED',
    'XML_INVALID_UTF8',
    'XML_TOO_LARGE',
    'TMX_INVALID',
    'XML_DOCTYPE_FORBIDDEN',
    'XML_ENTITY_FORBIDDEN',
    'XML_UNSUPPORTED_ENCODING',
    'XML_TOO_DEEP',
    'XML_ATTRIBUTE_TOO_LARGE',
    'XML_TEXT_TOO_LARGE',
    'XML_TOKEN_TOO_LARGE',
    'XML_TOO_MANY_NODES',
  )
  async import(
    @Query() query: TmxImportQuery,
    @Req() request: FastifyRequest,
  ): Promise<TmxImportResultDto> {
    const body = request.body;
    if (!(body instanceof Readable)) {
      throw new DomainError(
        'UNSUPPORTED_MEDIA_TYPE',
        `Send the TMX file as the body, as ${TMX_MEDIA_TYPES.join(' or ')}.`,
      );
    }
    return readStreamedBody(body, (chunks) => this.tmx.import(chunks, { project: query.project }));
  }

  @Get('export')
  @ApiOperation({
    summary: 'Export the translation memory of a locale pair as TMX 1.4',
    description:
      'Any signed-in user: the entries they may see, as GET /api/tm (with `?project=`, that ' +
      "project's entries only; 404 if they may not see it). Current translations only, each " +
      'source and target once; inline codes as `bpt`/`ept` (paired) and `ph` (standalone) ' +
      'with the code number in `x`. Streamed.',
  })
  @ApiOkResponse({
    description: 'A TMX 1.4 document (Content-Disposition: attachment)',
    content: { [TMX_CONTENT_TYPE]: { schema: { type: 'string' } } },
  })
  @ApiErrors(400, 401, 404)
  async export(
    @CurrentActor() actor: Actor,
    @Query() query: TmxExportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const pieces = await this.tmx.export(actor, query);
    const name = `tm-${query.source}-${query.target}.tmx`.replace(/[^A-Za-z0-9._-]/g, '_');
    void reply.header('cache-control', 'private, no-store');
    return new StreamableFile(Readable.from(pieces), {
      type: `${TMX_CONTENT_TYPE}; charset=utf-8`,
      disposition: `attachment; filename="${name}"`,
    });
  }
}
