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
  Res,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Can, CurrentActor } from '../auth/auth.decorators';
import { Action, Actor } from '../auth/permissions';
import {
  CreateGlossaryTermDto,
  GlossaryFormatQuery,
  GlossaryImportResultDto,
  GlossaryQuery,
  GlossaryTermDto,
  UpdateGlossaryTermDto,
} from './glossary.dto';
import { GlossaryService } from './glossary.service';
import { ApiErrors } from '../common/api-errors';
import { DomainError } from '../common/domain-error';
import { createValidationPipe } from '../common/validation';

const CSV_TYPE = 'text/csv; charset=utf-8';
const validation = createValidationPipe();

@ApiTags('glossary')
@ApiExtraModels(CreateGlossaryTermDto)
@ApiBearerAuth()
@Controller('api/projects/:project/glossary')
export class GlossaryController {
  constructor(private readonly glossary: GlossaryService) {}

  @Get()
  @Can(Action.ReadProject)
  @ApiOperation({
    summary: 'Glossary entries of the project, by term',
    description:
      'With `?format=csv`, the same entries as `text/csv` (RFC 4180, CRLF line ends), columns ' +
      '`term,locale,translation,doNotTranslate,note`; a cell that starts with = + - @ (a ' +
      'spreadsheet formula) is written with a leading apostrophe, which the import removes again.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: [GlossaryTermDto] })
  @ApiErrors(400, 401, 403, 404)
  async list(
    @Param('project') project: string,
    @Query() query: GlossaryQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<GlossaryTermDto[] | string> {
    if (query.format !== 'csv') return this.glossary.list(project, query);
    const csv = await this.glossary.exportCsv(project, query);
    void reply
      .header('content-type', CSV_TYPE)
      .header('content-disposition', `attachment; filename="${project}-glossary.csv"`)
      .header('cache-control', 'private, no-store');
    return csv;
  }

  @Post()
  @Can(Action.ManageGlossary)
  @ApiOperation({
    summary: 'Add a term for one target locale, or import terms from CSV',
    description:
      'The locale must be a target locale of the project (else 400 VALIDATION_FAILED). A ' +
      "doNotTranslate entry's translation defaults to the term itself. The same term (any letter " +
      'case) for the same locale twice is 409 GLOSSARY_TERM_EXISTS. A source change that adds or ' +
      'removes a glossary term is a `clinical` change.\n\n' +
      'With `?format=csv` and a `text/csv` body (header `term,locale,translation,doNotTranslate,' +
      'note`, columns in any order, an optional `caseSensitive` column; booleans true/false, ' +
      'yes/no, 1/0 or empty for false): 200 `{created, updated, errors}`. Each record is an ' +
      'upsert keyed by term (any letter case) and locale, validated as this route validates a ' +
      "body. Per line, not all or nothing: a bad record, or a repeat of an earlier record's term " +
      'and locale, is listed in `errors` with its line and left out; the others are applied ' +
      'together in one transaction. Without a `caseSensitive` column, entries keep theirs. A ' +
      'file that is not readable CSV or has a wrong header is 400 and changes nothing.',
  })
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({
    schema: {
      oneOf: [
        { $ref: getSchemaPath(CreateGlossaryTermDto) },
        { type: 'string', description: 'CSV, with ?format=csv' },
      ],
    },
  })
  @ApiCreatedResponse({ type: GlossaryTermDto })
  @ApiOkResponse({ type: GlossaryImportResultDto, description: 'The CSV import (?format=csv)' })
  @ApiErrors(400, 401, 403, 404, 415, 'GLOSSARY_TERM_EXISTS')
  async create(
    @CurrentActor() actor: Actor,
    @Param('project') project: string,
    @Query() query: GlossaryFormatQuery,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<GlossaryTermDto | GlossaryImportResultDto> {
    if (query.format === 'csv') {
      if (typeof body !== 'string') throw unsupported('a text/csv body with ?format=csv');
      void reply.status(200);
      return this.glossary.importCsv(actor, project, body);
    }
    if (typeof body === 'string') throw unsupported('a JSON body, or text/csv with ?format=csv');
    const dto = (await validation.transform(body, {
      type: 'body',
      metatype: CreateGlossaryTermDto,
    })) as CreateGlossaryTermDto;
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

function unsupported(expected: string): DomainError {
  return new DomainError('UNSUPPORTED_MEDIA_TYPE', `This route takes ${expected}.`);
}
