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
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { Can, CurrentActor } from '../auth/auth.decorators';
import { Action, Actor } from '../auth/permissions';
import {
  AddMemberDto,
  CreateProjectDto,
  MemberDto,
  ProjectDto,
  UpdateProjectDto,
} from './project.dto';
import { ProjectsService } from './projects.service';
import { ApiErrors } from '../common/api-errors';

@ApiTags('projects')
@ApiBearerAuth()
@Controller('api/projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Post()
  @Can(Action.ManageProjects)
  @ApiCreatedResponse({ type: ProjectDto })
  @ApiErrors(400, 401, 403, 'SLUG_TAKEN')
  create(@Body() dto: CreateProjectDto): Promise<ProjectDto> {
    return this.projects.create(dto);
  }

  @Get()
  @ApiOkResponse({
    type: [ProjectDto],
    description: 'Projects the caller is a member of (all for admins)',
  })
  @ApiErrors(401)
  list(@CurrentActor() actor: Actor): Promise<ProjectDto[]> {
    return this.projects.list(actor);
  }

  @Get(':project')
  @Can(Action.ReadProject)
  @ApiOkResponse({ type: ProjectDto })
  @ApiErrors(401, 403, 404)
  get(@Param('project') project: string): Promise<ProjectDto> {
    return this.projects.get(project);
  }

  @Patch(':project')
  @Can(Action.ManageProjects)
  @ApiOkResponse({ type: ProjectDto })
  @ApiErrors(400, 401, 403, 404)
  update(
    @CurrentActor() actor: Actor,
    @Param('project') project: string,
    @Body() dto: UpdateProjectDto,
  ): Promise<ProjectDto> {
    return this.projects.update(project, dto, actor);
  }

  @Post(':project/members')
  @Can(Action.ManageProjects)
  @ApiCreatedResponse({ type: MemberDto })
  @ApiErrors(400, 401, 403, 404)
  addMember(@Param('project') project: string, @Body() dto: AddMemberDto): Promise<MemberDto> {
    return this.projects.addMember(project, dto);
  }

  @Get(':project/members')
  @Can(Action.ReadProject)
  @ApiOkResponse({ type: [MemberDto] })
  @ApiErrors(401, 403, 404)
  members(@Param('project') project: string): Promise<MemberDto[]> {
    return this.projects.listMembers(project);
  }

  @Delete(':project/members/:userId')
  @Can(Action.ManageProjects)
  @HttpCode(204)
  @ApiQuery({
    name: 'locale',
    required: false,
    description: "Only this locale; all of the user's roles when absent",
  })
  @ApiNoContentResponse()
  @ApiErrors(400, 401, 403, 404)
  async removeMember(
    @Param('project') project: string,
    @Param('userId', ParseUUIDPipe) userId: string,
    @Query('locale') locale?: string,
  ): Promise<void> {
    await this.projects.removeMember(project, userId, locale);
  }
}
