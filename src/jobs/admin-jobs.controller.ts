import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Can } from '../auth/auth.decorators';
import { Action } from '../auth/permissions';
import { Page, PageQuery } from '../common/pagination';
import { FailingJobDto, FailingJobPageDto, RetriedJobDto } from './admin-jobs.dto';
import { AdminJobsService } from './admin-jobs.service';
import { ApiErrors } from '../common/api-errors';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('api/admin/jobs')
@Can(Action.ManageJobs)
export class AdminJobsController {
  constructor(private readonly jobs: AdminJobsService) {}

  @Get()
  @ApiOkResponse({
    type: FailingJobPageDto,
    description: 'Failing events and webhook deliveries with their last error, oldest first',
  })
  @ApiErrors(400, 401, 403)
  list(@Query() query: PageQuery): Promise<Page<FailingJobDto>> {
    return this.jobs.failing(query);
  }

  @Post(':id/retry')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: RetriedJobDto, description: 'Due now; runs within a second' })
  @ApiErrors(400, 401, 403, 404)
  retry(@Param('id', ParseUUIDPipe) id: string): Promise<RetriedJobDto> {
    return this.jobs.retry(id);
  }
}
