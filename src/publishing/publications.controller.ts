import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { Can } from '../auth/auth.decorators';
import { Action } from '../auth/permissions';
import { PublicationSummary, PublishingService } from './publishing.service';

export class PublicationDto implements PublicationSummary {
  @ApiProperty() number!: number;
  @ApiProperty() sourceVersion!: number;
  @ApiProperty({ enum: ['source', 'complete', 'fallback'] }) kind!:
    'source' | 'complete' | 'fallback';
  @ApiProperty() publishedAt!: string;
  @ApiProperty({ description: 'Reader URL of this publication' }) url!: string;
}

export class PublishJobDto {
  @ApiProperty() jobId!: string;
}

@ApiTags('publishing')
@ApiBearerAuth()
@Controller('api/projects/:project/articles/:article/locales/:locale')
export class PublicationsController {
  constructor(private readonly publishing: PublishingService) {}

  @Get('publications')
  @Can(Action.ReadProject)
  @ApiOkResponse({ type: [PublicationDto], description: 'Newest first' })
  list(
    @Param('project') project: string,
    @Param('article') article: string,
    @Param('locale') locale: string,
  ): Promise<PublicationSummary[]> {
    return this.publishing.list(project, article, locale);
  }

  @Post('publish')
  @HttpCode(202)
  @Can(Action.PublishLocale)
  @ApiAcceptedResponse({
    type: PublishJobDto,
    description: '409 NOT_PUBLISHABLE when the policy forbids it',
  })
  publish(
    @Param('project') project: string,
    @Param('article') article: string,
    @Param('locale') locale: string,
  ): Promise<{ jobId: string }> {
    return this.publishing.requestPublish(project, article, locale);
  }
}
