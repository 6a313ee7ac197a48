import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { DATABASE_RETRY_AFTER_SECONDS } from '../common/http-exception.filter';
import { HealthReport, HealthService } from './health.service';
import { MetricsService } from './metrics.service';
import { ApiErrors } from '../common/api-errors';

@ApiTags('operations')
@Controller()
@Public()
export class HealthController {
  constructor(
    private readonly health: HealthService,
    private readonly metrics: MetricsService,
  ) {}

  @Get('health')
  @ApiOkResponse({
    description: 'Database and Redis are reachable (redis is "not used" without Redis)',
  })
  @ApiErrors('SERVICE_UNAVAILABLE')
  async check(@Res() reply: FastifyReply): Promise<void> {
    const report: HealthReport = await this.health.check();
    if (report.status === 'ok') {
      await reply.status(200).send(report);
      return;
    }
    const down = [
      report.db === 'down' ? 'database' : null,
      report.redis === 'down' ? 'redis' : null,
    ]
      .filter(Boolean)
      .join(' and ');
    if (report.db === 'down')
      void reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    await reply.status(503).send({
      statusCode: 503,
      error: 'Service Unavailable',
      code: 'SERVICE_UNAVAILABLE',
      message: `Unavailable: ${down} down`,
      details: report,
      ...report,
    });
  }

  @Get('metrics')
  @ApiExcludeEndpoint()
  async metricsText(@Res() reply: FastifyReply): Promise<void> {
    const body = await this.metrics.exposition();
    await reply.header('content-type', this.metrics.registry.contentType).send(body);
  }
}
