import { ApiProperty } from '@nestjs/swagger';

export type FailingJobKind = 'event' | 'webhook-delivery';

export class FailingJobDto {
  @ApiProperty({ description: 'The event id or the webhook delivery id; retry with it' })
  id!: string;
  @ApiProperty({ enum: ['event', 'webhook-delivery'] }) kind!: FailingJobKind;
  @ApiProperty({ description: 'Event type' }) type!: string;
  @ApiProperty({
    enum: ['failing', 'retrying', 'failed'],
    description:
      'failing: an event retried until it succeeds; retrying / failed: a webhook delivery',
  })
  status!: 'failing' | 'retrying' | 'failed';
  @ApiProperty({ description: 'Failed attempts so far' }) attempts!: number;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ description: 'When the failures began' }) failingSince!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'When it is tried again; null once given up',
  })
  nextAttemptAt!: string | null;
  @ApiProperty({ description: 'Failing for longer than the alert threshold (10 minutes)' })
  overThreshold!: boolean;
}

export class FailingJobPageDto {
  @ApiProperty({ type: [FailingJobDto] }) items!: FailingJobDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class RetriedJobDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['event', 'webhook-delivery'] }) kind!: FailingJobKind;
}
