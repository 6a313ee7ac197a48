import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Can, CurrentActor } from '../auth/auth.decorators';
import { Action, Actor } from '../auth/permissions';
import { Page, PageQuery } from '../common/pagination';
import { CreateWebhookDto, DeliveryDto, DeliveryPageDto, WebhookDto } from './webhook.dto';
import { WebhooksService } from './webhooks.service';
import { ApiErrors } from '../common/api-errors';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('api/projects/:project/webhooks')
@Can(Action.ManageWebhooks)
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiCreatedResponse({ type: WebhookDto, description: 'The secret is never returned' })
  @ApiErrors(400, 401, 403, 404, 'WEBHOOK_TARGET_REFUSED')
  create(
    @CurrentActor() actor: Actor,
    @Param('project') project: string,
    @Body() dto: CreateWebhookDto,
  ): Promise<WebhookDto> {
    return this.webhooks.create(actor, project, dto);
  }

  @Get()
  @ApiOkResponse({ type: [WebhookDto] })
  @ApiErrors(401, 403, 404)
  list(@Param('project') project: string): Promise<WebhookDto[]> {
    return this.webhooks.list(project);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiErrors(400, 401, 403, 404)
  async remove(
    @Param('project') project: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    await this.webhooks.remove(project, id);
  }

  @Get(':id/deliveries')
  @ApiOkResponse({ type: DeliveryPageDto, description: 'Newest first' })
  @ApiErrors(400, 401, 403, 404)
  deliveries(
    @Param('project') project: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: PageQuery,
  ): Promise<Page<DeliveryDto>> {
    return this.webhooks.deliveries(project, id, query);
  }

  @Get(':id/deliveries/:deliveryId')
  @ApiOkResponse({ type: DeliveryDto })
  @ApiErrors(400, 401, 403, 404)
  delivery(
    @Param('project') project: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('deliveryId', ParseUUIDPipe) deliveryId: string,
  ): Promise<DeliveryDto> {
    return this.webhooks.delivery(project, id, deliveryId);
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: DeliveryDto, description: 'The new delivery, queued' })
  @ApiErrors(400, 401, 403, 404)
  redeliver(
    @Param('project') project: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('deliveryId', ParseUUIDPipe) deliveryId: string,
  ): Promise<DeliveryDto> {
    return this.webhooks.redeliver(project, id, deliveryId);
  }
}
