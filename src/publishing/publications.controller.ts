import { Body, Controller, Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Can } from '../auth/auth.decorators';
import { Action, Actor } from '../auth/permissions';
import {
  LocalePreview,
  PublicationSummary,
  PublishingService,
  WithdrawalSummary,
  WithdrawResult,
} from './publishing.service';
import { ApiErrors } from '../common/api-errors';

class ActorRefDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

export class WithdrawalDto implements WithdrawalSummary {
  @ApiProperty() withdrawnAt!: string;
  @ApiProperty({ type: ActorRefDto, nullable: true }) withdrawnBy!: ActorRefDto | null;
  @ApiProperty() reason!: string;
}

export class PublicationDto implements PublicationSummary {
  @ApiProperty() number!: number;
  @ApiProperty() sourceVersion!: number;
  @ApiProperty({ enum: ['source', 'complete', 'fallback'] }) kind!:
    'source' | 'complete' | 'fallback';
  @ApiProperty() publishedAt!: string;
  @ApiProperty({ description: 'Reader URL of this publication' }) url!: string;
  @ApiProperty({
    type: WithdrawalDto,
    nullable: true,
    description:
      'Set on the latest publication while the locale is withdrawn (its reader URL answers 410)',
  })
  withdrawal!: WithdrawalDto | null;
}

export class PublishJobDto {
  @ApiProperty({ description: 'The id of the `publish.requested` event that will publish' })
  jobId!: string;
}

export class NotPublishedDto {
  @ApiProperty({ enum: [false] }) published!: false;
  @ApiProperty({ example: 'unchanged' }) reason!: string;
  @ApiProperty({ description: 'The latest publication, which already has this content' })
  number!: number;
}

/** No control characters but line breaks and tabs, no bidirectional overrides or isolates. */
const PLAIN_TEXT =
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$/u;

export class WithdrawDto {
  @ApiProperty({
    description: 'Why the locale is taken down (recorded, sent with `publication.withdrawn`)',
    example: 'The dose in the second paragraph is wrong; under review.',
    minLength: 3,
    maxLength: 1000,
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  @Matches(PLAIN_TEXT, {
    message: 'reason must be plain text (no control characters or bidirectional overrides)',
  })
  reason!: string;
}

export class WithdrawResultDto extends WithdrawalDto implements WithdrawResult {
  @ApiProperty() locale!: string;
  @ApiProperty({ description: 'The publication taken down' }) number!: number;
}

export class PreviewCountsDto {
  @ApiProperty() approved!: number;
  @ApiProperty() translated!: number;
  @ApiProperty() fuzzy!: number;
  @ApiProperty({ description: 'Rejected, back with the translator' }) rejected!: number;
  @ApiProperty({ description: 'No target: shown in the source language' }) untranslated!: number;
}

export class LocalePreviewDto implements LocalePreview {
  @ApiProperty({ example: 'es' }) locale!: string;
  @ApiProperty({ enum: ['ltr', 'rtl'] }) direction!: 'ltr' | 'rtl';
  @ApiProperty({ description: "The title segment's current target, else the source title" })
  title!: string;
  @ApiProperty({
    description:
      'The body as the reader renders and sanitizes it, from the current targets in any state; ' +
      'a segment without a target shows its source text in ' +
      '`<span data-untranslated lang=".." dir=".." class="tms-fallback">`',
  })
  html!: string;
  @ApiProperty({ description: "The article's current source version, the one rendered" })
  sourceVersion!: number;
  @ApiProperty({ type: PreviewCountsDto, description: 'Segments of that version by state' })
  counts!: PreviewCountsDto;
}

@ApiTags('publishing')
@ApiBearerAuth()
@ApiExtraModels(PublishJobDto, NotPublishedDto)
@Controller('api/projects/:project/articles/:article/locales/:locale')
export class PublicationsController {
  constructor(private readonly publishing: PublishingService) {}

  @Get('publications')
  @Can(Action.ReadProject)
  @ApiOkResponse({ type: [PublicationDto], description: 'Newest first' })
  @ApiErrors(401, 403, 404)
  list(
    @Param('project') project: string,
    @Param('article') article: string,
    @Param('locale') locale: string,
  ): Promise<PublicationSummary[]> {
    return this.publishing.list(project, article, locale);
  }

  @Get('preview')
  @Can(Action.ReadProject)
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({
    summary: "Preview of the locale's current text, drafts included",
    description:
      'The current source version rendered with the current target of every segment, whatever ' +
      'its state (unlike a publication, which takes approved text only), through the same ' +
      'renderer and sanitizer as the reader. Not published, not cacheable by a shared cache.',
  })
  @ApiOkResponse({ type: LocalePreviewDto })
  @ApiErrors(401, 403, 404)
  preview(
    @Param('project') project: string,
    @Param('article') article: string,
    @Param('locale') locale: string,
  ): Promise<LocalePreview> {
    return this.publishing.preview(project, article, locale);
  }

  @Post('publish')
  @Can(Action.PublishLocale)
  @ApiAcceptedResponse({
    type: PublishJobDto,
    description: 'A publication will be made (also when it restores a withdrawn locale)',
  })
  @ApiOkResponse({
    schema: { $ref: getSchemaPath(NotPublishedDto) },
    description: 'The latest publication already has exactly this content: nothing to do',
  })
  @ApiErrors(401, 403, 404, 'NOT_PUBLISHABLE')
  async publish(
    @CurrentActor() actor: Actor,
    @Param('project') project: string,
    @Param('article') article: string,
    @Param('locale') locale: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PublishJobDto | NotPublishedDto> {
    const decision = await this.publishing.requestPublish(actor, project, article, locale);
    void reply.status(decision.status);
    return decision.body;
  }

  @Post('withdraw')
  @HttpCode(200)
  @Can(Action.WithdrawLocale)
  @ApiOkResponse({
    type: WithdrawResultDto,
    description:
      'The reader URL answers 410 until the locale is published again; withdrawing a withdrawn locale returns the withdrawal in force',
  })
  @ApiErrors(400, 401, 403, 404, 'NOT_PUBLISHED', 'SOURCE_LOCALE')
  withdraw(
    @CurrentActor() actor: Actor,
    @Param('project') project: string,
    @Param('article') article: string,
    @Param('locale') locale: string,
    @Body() dto: WithdrawDto,
  ): Promise<WithdrawResult> {
    return this.publishing.withdraw(actor, project, article, locale, dto.reason);
  }
}
