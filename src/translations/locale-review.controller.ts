import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors';
import { Can, CurrentActor } from '../auth/auth.decorators';
import { Action, Actor } from '../auth/permissions';
import { ReviewBatchDto, ReviewBatchResultDto } from './segment.dto';
import { TranslationsService } from './translations.service';

@ApiTags('segments')
@ApiBearerAuth()
@Controller('api/projects/:project/articles/:article/locales/:locale')
export class LocaleReviewController {
  constructor(private readonly translations: TranslationsService) {}

  @Post('review')
  @HttpCode(200)
  @Can(Action.ReviewSegment)
  @ApiOperation({
    summary: 'Approve or reject many segments at once',
    description:
      'One decision on up to 5,000 segments, each named with the revision the reviewer read. ' +
      'Each item follows the rules of `POST segments/:id/review` and gets its outcome in ' +
      '`results` (in the order sent): a stale revision is `conflict`, text the reviewer wrote ' +
      'is `self_review` (unless requireReview is off), a blocking check failing against the ' +
      'current English is `check_failed`, a segment not in the current version or not ' +
      '`translated` is `not_reviewable`; those are left unchanged and the others reviewed, ' +
      'in one transaction, each with its revision and `segment.reviewed` event. To reject, ' +
      'a comment is required. 200 even when no item could be reviewed.',
  })
  @ApiOkResponse({ type: ReviewBatchResultDto })
  @ApiErrors(400, 401, 403, 404)
  review(
    @CurrentActor() actor: Actor,
    @Param('project') project: string,
    @Param('article') article: string,
    @Param('locale') locale: string,
    @Body() dto: ReviewBatchDto,
  ): Promise<ReviewBatchResultDto> {
    return this.translations.reviewMany(actor, project, article, locale, dto);
  }
}
