import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
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
  CheckSegmentDto,
  CheckFailedErrorDto,
  CommentDto,
  CreateCommentDto,
  HistoryItemDto,
  HistoryPageDto,
  ReviewSegmentDto,
  SavedSegmentDto,
  SaveSegmentDto,
  SegmentDto,
  SegmentListQuery,
  SegmentChecksDto,
  SegmentPageDto,
  TranslationConflictErrorDto,
} from './segment.dto';
import { TranslationsService } from './translations.service';
import { ApiErrors } from '../common/api-errors';

@ApiTags('segments')
@ApiBearerAuth()
@Controller('api/projects/:project/articles/:article/locales/:locale/segments')
export class SegmentsController {
  constructor(private readonly translations: TranslationsService) {}

  @Get()
  @Can(Action.ReadProject)
  @ApiOperation({
    summary: 'Segments of the current source version in document order, with their translation',
  })
  @ApiOkResponse({ type: SegmentPageDto })
  @ApiErrors(400, 401, 403, 404)
  list(
    @Param('project') project: string,
    @Param('article') article: string,
    @Param('locale') locale: string,
    @Query() query: SegmentListQuery,
  ): Promise<Page<SegmentDto>> {
    return this.translations.list(project, article, locale, query);
  }

  @Get(':id')
  @Can(Action.ReadProject)
  @ApiOkResponse({ type: SegmentDto })
  @ApiErrors(401, 403, 404)
  get(
    @Param('project') project: string,
    @Param('article') article: string,
    @Param('locale') locale: string,
    @Param('id') id: string,
  ): Promise<SegmentDto> {
    return this.translations.get(project, article, locale, id);
  }

  @Put(':id')
  @Can(Action.TranslateSegment)
  @ApiOperation({
    summary: 'Save a translation',
    description:
      'The body names the revision the edit is based on (0 for a segment never written). The ' +
      'segment id stands for the English the client read (ids are keys of the source text), so ' +
      'no source text is sent: an id that is no longer in the current source version is ' +
      '409 SOURCE_CHANGED (details.segments points to the current list); a stale revision is ' +
      '409 TRANSLATION_CONFLICT with the current segment in details.segment, and nothing is ' +
      'overwritten. A blocking check failure is 422 CHECK_FAILED (details.checks); warnings ' +
      'come back in `checks`. With requireReview off, the save is approved directly. With ' +
      '`propagate: true` (or the project setting propagateRepeats) the other untranslated ' +
      'occurrences of the same English in the article are filled too, each as its own ' +
      'revision (action `propagate`); `propagated` lists their ids.',
  })
  @ApiOkResponse({ type: SavedSegmentDto })
  @ApiErrors(400, 401, 403, 404, TranslationConflictErrorDto, 'SOURCE_CHANGED', CheckFailedErrorDto)
  save(
    @CurrentActor() actor: Actor,
    @Param('project') project: string,
    @Param('article') article: string,
    @Param('locale') locale: string,
    @Param('id') id: string,
    @Body() dto: SaveSegmentDto,
  ): Promise<SavedSegmentDto> {
    return this.translations.save(actor, project, article, locale, id, dto);
  }

  @Post(':id/check')
  @HttpCode(200)
  @Can(Action.TranslateSegment)
  @ApiOperation({
    summary: 'The checks a save of a target would run, without saving',
    description:
      'Runs exactly the checks of `PUT :id` on `target` against the current English (blocking ' +
      "`error`s and `warning`s, as in a segment's `checks`) and writes nothing; no revision " +
      'is needed. Meant to be called as the translator types. An id not in the current source ' +
      'version is 409 SOURCE_CHANGED, as for a save.',
  })
  @ApiOkResponse({ type: SegmentChecksDto })
  @ApiErrors(400, 401, 403, 404, 'SOURCE_CHANGED')
  check(
    @Param('project') project: string,
    @Param('article') article: string,
    @Param('locale') locale: string,
    @Param('id') id: string,
    @Body() dto: CheckSegmentDto,
  ): Promise<SegmentChecksDto> {
    return this.translations.check(project, article, locale, id, dto.target);
  }

  @Post(':id/review')
  @HttpCode(200)
  @Can(Action.ReviewSegment)
  @ApiOperation({
    summary: 'Approve or reject a translated segment',
    description:
      'The body names the revision the reviewer read: when it is no longer the current one, ' +
      '409 TRANSLATION_CONFLICT with the current segment in details.segment, and nothing ' +
      'changes. Only a `translated` segment can be reviewed (else 409 INVALID_STATE). Nobody ' +
      'approves text they wrote (403 SELF_REVIEW) unless the project has requireReview off: ' +
      "not the current text if they saved it at any point of the segment's history, across " +
      'rejections and source versions, and no text they contributed to since it was last ' +
      'approved. Nor is a target approved that fails a blocking check against the current ' +
      'English (422 CHECK_FAILED, as a save would be).',
  })
  @ApiOkResponse({ type: SegmentDto })
  @ApiErrors(
    400,
    401,
    403,
    'SELF_REVIEW',
    404,
    TranslationConflictErrorDto,
    'SOURCE_CHANGED',
    'INVALID_STATE',
    CheckFailedErrorDto,
  )
  review(
    @CurrentActor() actor: Actor,
    @Param('project') project: string,
    @Param('article') article: string,
    @Param('locale') locale: string,
    @Param('id') id: string,
    @Body() dto: ReviewSegmentDto,
  ): Promise<SegmentDto> {
    return this.translations.review(actor, project, article, locale, id, dto);
  }

  @Get(':id/history')
  @Can(Action.ReadProject)
  @ApiOperation({
    summary: 'Revisions of the translation, newest first, across source versions',
    description:
      "The segment's lineage: its own revisions, then those of the segment its translation " +
      'was carried from when the English changed (up to the carried revision), and so on: ' +
      'every target, author (translator or reviewer) and the English it was written against.',
  })
  @ApiOkResponse({ type: HistoryPageDto })
  @ApiErrors(400, 401, 403, 404)
  history(
    @Param('project') project: string,
    @Param('article') article: string,
    @Param('locale') locale: string,
    @Param('id') id: string,
    @Query() page: PageQuery,
  ): Promise<Page<HistoryItemDto>> {
    return this.translations.history(project, article, locale, id, page);
  }

  @Get(':id/comments')
  @Can(Action.ReadProject)
  @ApiOkResponse({ type: [CommentDto] })
  @ApiErrors(401, 403, 404)
  comments(
    @Param('project') project: string,
    @Param('article') article: string,
    @Param('locale') locale: string,
    @Param('id') id: string,
  ): Promise<CommentDto[]> {
    return this.translations.comments(project, article, locale, id);
  }

  @Post(':id/comments')
  @Can(Action.Comment)
  @ApiCreatedResponse({ type: CommentDto })
  @ApiErrors(400, 401, 403, 404)
  comment(
    @CurrentActor() actor: Actor,
    @Param('project') project: string,
    @Param('article') article: string,
    @Param('locale') locale: string,
    @Param('id') id: string,
    @Body() dto: CreateCommentDto,
  ): Promise<CommentDto> {
    return this.translations.addComment(actor, project, article, locale, id, dto.body);
  }
}
