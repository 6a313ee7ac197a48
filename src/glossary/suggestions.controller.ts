import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Can, CurrentActor } from '../auth/auth.decorators';
import { Action, Actor } from '../auth/permissions';
import { SuggestionsDto } from './glossary.dto';
import { SuggestionsService } from './suggestions.service';
import { ApiErrors } from '../common/api-errors';

@ApiTags('segments')
@ApiBearerAuth()
@Controller('api/projects/:project/articles/:article/locales/:locale/segments')
export class SuggestionsController {
  constructor(private readonly suggestions: SuggestionsService) {}

  @Get(':id/suggestions')
  @Can(Action.ReadProject)
  @ApiOperation({
    summary: 'Translation-memory and glossary suggestions for a segment',
    description:
      "`glossary`: the project's entries for `:locale` whose term occurs in the segment's " +
      'English as a whole word (any letter case unless the entry is case-sensitive, any ' +
      'script, regular English plurals), longest term first, each with the offsets of every ' +
      'occurrence in the source as stored. `tm`: memory matches among the entries the caller ' +
      "may see, best first, each with a word-level diff from the match's English to the " +
      "segment's. `mt`: the project's machine translation for the locale, if configured, with " +
      'the checks a save of it would run (`mtError` when the provider failed). An id of an ' +
      'older source version is 409 ' +
      'SOURCE_CHANGED.',
  })
  @ApiOkResponse({ type: SuggestionsDto })
  @ApiErrors(401, 403, 404, 'SOURCE_CHANGED')
  get(
    @CurrentActor() actor: Actor,
    @Param('project') project: string,
    @Param('article') article: string,
    @Param('locale') locale: string,
    @Param('id') id: string,
  ): Promise<SuggestionsDto> {
    return this.suggestions.forSegment(actor, project, article, locale, id);
  }
}
