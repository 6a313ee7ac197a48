import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Can, CurrentActor } from '../auth/auth.decorators';
import { Action, Actor } from '../auth/permissions';
import { ApiErrors } from '../common/api-errors';
import { PretranslateDto, PretranslateResultDto } from './pretranslate.dto';
import { PretranslationService } from './pretranslation.service';

@ApiTags('segments')
@ApiBearerAuth()
@Controller('api/projects/:project/articles/:article/locales/:locale')
export class PretranslationController {
  constructor(private readonly pretranslation: PretranslationService) {}

  @Post('pretranslate')
  @HttpCode(200)
  @Can(Action.TranslateSegment)
  @ApiOperation({
    summary: 'Fill untranslated segments from the translation memory or machine translation',
    description:
      'Every untranslated segment of the current version gets a `fuzzy` draft (origin `tm` ' +
      'or `mt`, a revision with action `pretranslate` naming the match) for a person to ' +
      'confirm. `from: "tm"` uses the best memory match of at least `minScore` (default 100: ' +
      'the same English; 101 context matches only; down to 75 for fuzzy matches) among this ' +
      'project’s entries, shared memories and imports; with the project setting ' +
      'pretranslateContextAsTranslated a current context match that passes the blocking ' +
      'checks is `translated` instead. `from: "mt"` uses the project’s provider (409 ' +
      'MT_NOT_CONFIGURED without one for the locale), its cache and monthly limit: reaching ' +
      'the limit or a provider failure stops the run and `stopped` says why (429/503 when ' +
      'nothing could be translated). Nothing is ever approved, and a segment someone saves ' +
      'meanwhile keeps their text.',
  })
  @ApiOkResponse({ type: PretranslateResultDto })
  @ApiErrors(400, 401, 403, 404, 409, 429, 503)
  pretranslate(
    @CurrentActor() actor: Actor,
    @Param('project') project: string,
    @Param('article') article: string,
    @Param('locale') locale: string,
    @Body() dto: PretranslateDto,
  ): Promise<PretranslateResultDto> {
    return this.pretranslation.pretranslate(actor, project, article, locale, dto);
  }
}
