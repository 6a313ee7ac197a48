import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';

/** The events a webhook can subscribe to; `*` means all of them. */
export const WEBHOOK_EVENTS = [
  'article.created',
  'article.source_changed',
  'segment.translated',
  'segment.reviewed',
  'task.assigned',
  'locale.approved',
  'article.published',
  'publication.withdrawn',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://hooks.example.org/tms' })
  @IsString()
  @MaxLength(2000)
  url!: string;

  @ApiProperty({ enum: [...WEBHOOK_EVENTS, '*'], isArray: true, example: ['article.published'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENTS.length + 1)
  @ArrayUnique()
  @IsIn([...WEBHOOK_EVENTS, '*'], { each: true })
  events!: string[];

  @ApiProperty({
    description: 'Shared secret for X-TMS-Signature-256; stored to sign deliveries, never returned',
    writeOnly: true,
  })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  secret!: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class WebhookDto {
  @ApiProperty() id!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ type: [String] }) events!: string[];
  @ApiProperty() active!: boolean;
  @ApiProperty() createdAt!: string;
}

export class DeliveryAttemptDto {
  @ApiProperty() attempt!: number;
  @ApiProperty({ nullable: true, type: Number }) statusCode!: number | null;
  @ApiProperty() durationMs!: number;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty() at!: string;
}

export class DeliveryDto {
  @ApiProperty({ description: 'Also sent as X-TMS-Delivery' }) id!: string;
  @ApiProperty() webhookId!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty({ description: 'Event type, also sent as X-TMS-Event' }) event!: string;
  @ApiProperty({ enum: ['pending', 'retrying', 'succeeded', 'failed'] }) status!: string;
  @ApiProperty({ description: 'Attempts made so far' }) attempts!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Of the last attempt' })
  statusCode!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Of the last attempt' })
  durationMs!: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Of the last attempt' })
  error!: string | null;
  @ApiProperty({ nullable: true, type: String }) redeliveryOf!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) completedAt!: string | null;
  @ApiProperty({ type: [DeliveryAttemptDto] }) history!: DeliveryAttemptDto[];
}

export class DeliveryPageDto {
  @ApiProperty({ type: [DeliveryDto] }) items!: DeliveryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
