import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Can, CurrentActor } from '../auth/auth.decorators';
import { Action, Actor } from '../auth/permissions';
import { Page, PageQuery } from '../common/pagination';
import {
  ArticleCreatedDto,
  ArticleDto,
  ArticlePageDto,
  CreateArticleDto,
  DiffDto,
  DiffQuery,
  SourcePreviewDto,
  SourceUpdatedDto,
  UpdateSourceDto,
  VersionDto,
  VersionSummaryDto,
} from './article.dto';
import { ArticlesService } from './articles.service';
import { ApiErrors } from '../common/api-errors';

@ApiTags('articles')
@ApiBearerAuth()
@Controller('api/projects/:project/articles')
export class ArticlesController {
  constructor(private readonly articles: ArticlesService) {}

  @Post()
  @Can(Action.ManageArticles)
  @ApiOperation({ summary: 'Create an article: version 1 of its source, segmented' })
  @ApiCreatedResponse({ type: ArticleCreatedDto })
  @ApiErrors(
    400,
    401,
    403,
    404,
    'SLUG_TAKEN',
    'PAYLOAD_TOO_LARGE',
    'UNSUPPORTED_FORMAT',
    'EMPTY_CONTENT',
    'BINARY_CONTENT',
  )
  create(
    @CurrentActor() actor: Actor,
    @Param('project') project: string,
    @Body() dto: CreateArticleDto,
  ): Promise<ArticleCreatedDto> {
    return this.articles.create(actor, project, dto);
  }

  @Get()
  @Can(Action.ReadProject)
  @ApiOkResponse({ type: ArticlePageDto })
  @ApiErrors(400, 401, 403, 404)
  list(@Param('project') project: string, @Query() page: PageQuery): Promise<Page<ArticleDto>> {
    return this.articles.list(project, page);
  }

  @Get(':article')
  @Can(Action.ReadProject)
  @ApiOkResponse({ type: ArticleDto })
  @ApiErrors(401, 403, 404)
  get(@Param('project') project: string, @Param('article') article: string): Promise<ArticleDto> {
    return this.articles.get(project, article);
  }

  @Put(':article/source')
  @Can(Action.ManageArticles)
  @ApiOperation({
    summary: 'Replace the source: a new version and a sync of every target locale',
    description:
      'No new version (changed: false) when the normalized content and title are unchanged. ' +
      'Otherwise, in one transaction: kept sentences keep their id, translation and state; ' +
      'changed ones get the old translation as a fuzzy draft that keeps the English it was ' +
      'written against (baseSource); new ones are untranslated; removed ones stay in history ' +
      'and come back if the sentence does. With minorChange, `sync.keptApproved` counts the ' +
      'changed segments that kept their state and `sync.demoted` lists those that did not.',
  })
  @ApiOkResponse({ type: SourceUpdatedDto })
  @ApiErrors(
    400,
    401,
    403,
    404,
    'PAYLOAD_TOO_LARGE',
    'UNSUPPORTED_FORMAT',
    'CLINICAL_CHANGE',
    'EMPTY_CONTENT',
    'BINARY_CONTENT',
  )
  updateSource(
    @CurrentActor() actor: Actor,
    @Param('project') project: string,
    @Param('article') article: string,
    @Body() dto: UpdateSourceDto,
  ): Promise<SourceUpdatedDto> {
    return this.articles.updateSource(actor, project, article, dto);
  }

  @Post(':article/source/preview')
  @HttpCode(200)
  @Can(Action.ManageArticles)
  @ApiOperation({
    summary: 'What a PUT .../source with this body would do, without doing it',
    description:
      'Takes the body of `PUT :article/source` and runs the same segmentation, alignment and ' +
      'sync decision, writing nothing (no version, no event): `changed` and `sync` are what ' +
      'the PUT would answer, `segments` the new version (kept, changed with its risk, added), ' +
      '`removed` the current segments that go, and `locales` what each target locale would ' +
      'have after it. minorChange is previewed too, including 422 CLINICAL_CHANGE.',
  })
  @ApiOkResponse({ type: SourcePreviewDto })
  @ApiErrors(
    400,
    401,
    403,
    404,
    'PAYLOAD_TOO_LARGE',
    'UNSUPPORTED_FORMAT',
    'CLINICAL_CHANGE',
    'EMPTY_CONTENT',
    'BINARY_CONTENT',
  )
  previewSource(
    @Param('project') project: string,
    @Param('article') article: string,
    @Body() dto: UpdateSourceDto,
  ): Promise<SourcePreviewDto> {
    return this.articles.previewSource(project, article, dto);
  }

  @Get(':article/versions')
  @Can(Action.ReadProject)
  @ApiOkResponse({ type: [VersionSummaryDto], description: 'Newest first' })
  @ApiErrors(401, 403, 404)
  versions(
    @Param('project') project: string,
    @Param('article') article: string,
  ): Promise<VersionSummaryDto[]> {
    return this.articles.versions(project, article);
  }

  @Get(':article/versions/:version')
  @Can(Action.ReadProject)
  @ApiOkResponse({ type: VersionDto })
  @ApiErrors(400, 401, 403, 404)
  version(
    @Param('project') project: string,
    @Param('article') article: string,
    @Param('version', ParseIntPipe) version: number,
  ): Promise<VersionDto> {
    return this.articles.version(project, article, version);
  }

  @Get(':article/versions/:version/diff')
  @Can(Action.ReadProject)
  @ApiOperation({ summary: 'Segments kept, changed (both texts), added and removed since `from`' })
  @ApiOkResponse({ type: DiffDto })
  @ApiErrors(400, 401, 403, 404)
  diff(
    @Param('project') project: string,
    @Param('article') article: string,
    @Param('version', ParseIntPipe) version: number,
    @Query() query: DiffQuery,
  ): Promise<DiffDto> {
    return this.articles.diff(project, article, version, query.from);
  }
}
