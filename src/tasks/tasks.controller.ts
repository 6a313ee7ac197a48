import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Can, CurrentActor } from '../auth/auth.decorators';
import { Action, Actor } from '../auth/permissions';
import type { Page } from '../common/pagination';
import { TaskDto, TaskPageDto, TaskQuery, UpdateTaskDto } from './task.dto';
import { TasksService } from './tasks.service';
import { ApiErrors } from '../common/api-errors';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('api/tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOkResponse({
    type: TaskPageDto,
    description: 'Tasks of the projects the caller is a member of (all for admins)',
  })
  @ApiErrors(400, 401)
  list(@CurrentActor() actor: Actor, @Query() query: TaskQuery): Promise<Page<TaskDto>> {
    return this.tasks.list(actor, query);
  }

  @Patch(':id')
  @Can(Action.ManageTasks)
  @ApiOkResponse({ type: TaskDto })
  @ApiErrors(400, 401, 403, 404, 'INVALID_STATE', 'UNPROCESSABLE')
  reassign(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateTaskDto): Promise<TaskDto> {
    return this.tasks.reassign(id, dto);
  }
}
