import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Can, CurrentActor } from '../auth/auth.decorators';
import { Action, Actor } from '../auth/permissions';
import { ApiErrors } from '../common/api-errors';
import { MachineTranslationService } from './machine-translation.service';
import { MtConfigDto, PutMtConfigDto } from './mt.dto';

@ApiTags('machine translation')
@ApiBearerAuth()
@Controller('api/projects/:project/mt')
@Can(Action.ManageProjects)
export class MachineTranslationController {
  constructor(private readonly mt: MachineTranslationService) {}

  @Get()
  @ApiOperation({
    summary: "The project's machine-translation provider (admin)",
    description:
      'The key is never returned: `hasApiKey` says whether one is stored. `usage` is the ' +
      'characters sent this month. 404 when no provider is configured.',
  })
  @ApiOkResponse({ type: MtConfigDto })
  @ApiErrors(401, 403, 404)
  get(@Param('project') project: string): Promise<MtConfigDto> {
    return this.mt.getConfig(project);
  }

  @Put()
  @ApiOperation({
    summary: "Sets the project's machine-translation provider (admin)",
    description:
      'Replaces the settings. The key is stored sealed; omitted, the stored key is kept when ' +
      'the provider and endpoint stay the same. `locales` must be target locales of the ' +
      'project. The endpoint may be a private or loopback address (a self-hosted server).',
  })
  @ApiOkResponse({ type: MtConfigDto })
  @ApiErrors(400, 401, 403, 404)
  put(
    @CurrentActor() actor: Actor,
    @Param('project') project: string,
    @Body() dto: PutMtConfigDto,
  ): Promise<MtConfigDto> {
    return this.mt.putConfig(actor, project, dto);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Turns machine translation off for the project (admin)' })
  @ApiNoContentResponse()
  @ApiErrors(401, 403, 404)
  async remove(@Param('project') project: string): Promise<void> {
    await this.mt.deleteConfig(project);
  }
}
