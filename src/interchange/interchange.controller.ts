import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Can } from '../auth/auth.decorators';
import { Action } from '../auth/permissions';
import { ApiErrors } from '../common/api-errors';
import { ArticleExportQuery, ProjectExportQuery } from './interchange.dto';
import { ExportDownload, InterchangeService } from './interchange.service';

const FILE_TYPES = [
  'application/xliff+xml',
  'text/x-gettext-translation',
  'application/json',
  'application/zip',
];

const BINARY = { schema: { type: 'string', format: 'binary' } };

const COUNT_HEADERS = {
  'X-Word-Count': {
    description: 'Source words of the exported segments',
    schema: { type: 'integer' },
  },
  'X-Segment-Count': { description: 'Exported segments', schema: { type: 'integer' } },
};

/** Headers first (counts were read before writing), then the body as it is written. */
function send(reply: FastifyReply, download: ExportDownload): StreamableFile {
  void reply
    .header('x-word-count', String(download.words))
    .header('x-segment-count', String(download.segments))
    .header('cache-control', 'no-store');
  return new StreamableFile(download.body, {
    type: download.contentType,
    disposition: `attachment; filename="${download.fileName}"`,
  });
}

@ApiTags('interchange')
@ApiBearerAuth()
@Controller('api/projects/:project')
export class InterchangeController {
  constructor(private readonly interchange: InterchangeService) {}

  @Get('articles/:article/locales/:locale/export')
  @Can(Action.ReadProject)
  @ApiOperation({
    summary: "Export an article's segments in one locale for a translation tool",
    description:
      'Any member of the project (and admins). XLIFF 2.0 (`<unit id>` = segment id, ' +
      '`tms:revision`, state/subState, `<pc>`/`<ph>` with the original markup in ' +
      '`<originalData>`, notes for the English the target was based on, change risk, ' +
      'comments and check warnings), XLIFF 1.2 (`<g>`/`<x/>`, approved, `<alt-trans>` for the ' +
      'previous English), PO (msgctxt = segment id, fuzzy flag, `#|` previous msgid) or ' +
      'i18next JSON v4 (segment ids as keys, translated segments only). `state` keeps only ' +
      'segments in those states. X-Word-Count and X-Segment-Count give the size.',
  })
  @ApiProduces(...FILE_TYPES.slice(0, 3))
  @ApiOkResponse({
    description: 'The file, as an attachment',
    headers: COUNT_HEADERS,
    content: Object.fromEntries(FILE_TYPES.slice(0, 3).map((type) => [type, BINARY])),
  })
  @ApiErrors(400, 401, 403, 404)
  async exportArticle(
    @Param('project') project: string,
    @Param('article') article: string,
    @Param('locale') locale: string,
    @Query() query: ArticleExportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return send(reply, await this.interchange.exportArticle(project, article, locale, query));
  }

  @Get('locales/:locale/export')
  @Can(Action.ReadProject)
  @ApiOperation({
    summary: 'Export many articles of a project in one locale, streamed',
    description:
      'Any member of the project (and admins). Every article (or those in `articles`), in ' +
      'slug order. XLIFF: one document with a `<file>` per article (`bundle=file`, the ' +
      'default) or a zip; PO and i18next: a zip with one file per article. A zip ends with ' +
      'manifest.json: per file its article, source version, segments and words. ' +
      'X-Word-Count and X-Segment-Count give the totals.',
  })
  @ApiProduces(...FILE_TYPES)
  @ApiOkResponse({
    description: 'The file or zip, as an attachment',
    headers: COUNT_HEADERS,
    content: Object.fromEntries(FILE_TYPES.map((type) => [type, BINARY])),
  })
  @ApiErrors(400, 401, 403, 404)
  async exportProject(
    @Param('project') project: string,
    @Param('locale') locale: string,
    @Query() query: ProjectExportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return send(reply, await this.interchange.exportProject(project, locale, query));
  }
}
