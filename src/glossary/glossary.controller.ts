import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Can, CurrentActor } from '../auth/auth.decorators';
import { Action, Actor } from '../auth/permissions';
import {
  CreateGlossaryTermDto,
  GlossaryQuery,
  GlossaryTermDto,
  UpdateGlossaryTermDto,
} from './glossary.dto';
import { GlossaryService } from './glossary.service';
import { ApiErrors } from '../common/api-errors';

@ApiTags('glossary')
@ApiBearerAuth()
@Controller('api/projects/:project/glossary')
export class GlossaryController {
  constructor(private readonly glossary: GlossaryService) {}

  @Get()
  @Can(Action.ReadProject)
  @ApiOperation({ summary: 'Glossary entries of the project, by term' })
  @ApiOkResponse({ type: [GlossaryTermDto] })
  @ApiErrors(400, 401, 403, 404)
  list(
    @Param('project') project: string,
    @Query() query: GlossaryQuery,
  ): Promise<GlossaryTermDto[]> {
    return this.glossary.list(project, query);
  }

  @Post()
  @Can(Action.ManageGlossary)
  @ApiOperation({
    summary: 'Add a term for one target locale',
    description:
      'The locale must be a target locale of the project (else 400 VALIDATION_FAILED). A ' +
      "doNotTranslate entry's translation defaults to the term itself. The same term (any letter " +
      'case) for the same locale twice is 409 GLOSSARY_TERM_EXISTS. A source change that adds or ' +
      'removes a glossary term is a `clinical` change.',
  })
  @ApiCreatedResponse({ type: GlossaryTermDto })
  @ApiErrors(400, 401, 403, 404, 'GLOSSARY_TERM_EXISTS')
  create(
    @CurrentActor() actor: Actor,
    @Param('project') project: string,
    @Body() dto: CreateGlossaryTermDto,
  ): Promise<GlossaryTermDto> {
    return this.glossary.create(actor, project, dto);
  }

  @Patch(':id')
  @Can(Action.ManageGlossary)
  @ApiOperation({
    summary: 'Change a term',
    description:
      'Any fields of the create body; the entry they make is validated as create validates ' +
      '(400 VALIDATION_FAILED). Renaming it onto the term (any letter case) and locale of ' +
      'another entry is 409 GLOSSARY_TERM_EXISTS.',
  })
  @ApiOkResponse({ type: GlossaryTermDto })
  @ApiErrors(400, 401, 403, 404, 'GLOSSARY_TERM_EXISTS')
  update(
    @Param('project') project: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateGlossaryTermDto,
  ): Promise<GlossaryTermDto> {
    return this.glossary.update(project, id, dto);
  }

  @Delete(':id')
  @Can(Action.ManageGlossary)
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiErrors(400, 401, 403, 404)
  async remove(
    @Param('project') project: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    await this.glossary.remove(project, id);
  }
}
