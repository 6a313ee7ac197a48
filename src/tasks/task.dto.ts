import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { PageQuery } from '../common/pagination';

export const TASK_TYPES = ['translate', 'review'] as const;
export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

export class TaskQuery extends PageQuery {
  @ApiPropertyOptional({
    description: '`me`, a user id, or `none` for unassigned tasks',
    example: 'me',
  })
  @IsOptional()
  @Matches(new RegExp(`^(me|none|${UUID})$`), {
    message: 'assignee must be "me", "none" or a user id',
  })
  assignee?: string;

  @ApiPropertyOptional({ description: 'Project slug' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  project?: string;

  @ApiPropertyOptional({ description: 'Article slug (with project)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  article?: string;

  @ApiPropertyOptional({ example: 'es' })
  @IsOptional()
  @IsString()
  @MaxLength(35)
  locale?: string;

  @ApiPropertyOptional({ enum: TASK_TYPES })
  @IsOptional()
  @IsIn(TASK_TYPES)
  type?: (typeof TASK_TYPES)[number];

  @ApiPropertyOptional({
    description: 'One status or a comma-separated list (open, done, cancelled)',
    example: 'open',
  })
  @IsOptional()
  @Matches(/^(open|done|cancelled)(,(open|done|cancelled))*$/, {
    message: 'status must be open, done or cancelled (comma-separated for several)',
  })
  status?: string;

  @ApiPropertyOptional({ description: 'Only open tasks past their due date (true) or not (false)' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  overdue?: boolean;
}

export class TaskDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: TASK_TYPES }) type!: string;
  @ApiProperty({ description: 'Project slug' }) project!: string;
  @ApiProperty({ description: 'Article slug' }) article!: string;
  @ApiProperty({ example: 'es' }) locale!: string;
  @ApiProperty({ nullable: true, type: String, description: 'User id of the assignee' })
  assignee!: string | null;
  @ApiProperty({ nullable: true, type: String }) assigneeName!: string | null;
  @ApiProperty({ description: 'Segments still needing this step' }) remaining!: number;
  @ApiProperty({
    description: 'Source words of those segments (as progress counts words); 0 once closed',
  })
  remainingWords!: number;
  @ApiProperty() dueAt!: string;
  @ApiProperty({ description: 'Open and past its due date' }) overdue!: boolean;
  @ApiProperty({ enum: TASK_STATUSES }) status!: TaskStatus;
  @ApiProperty() sourceVersion!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) assignedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) doneAt!: string | null;
}

export class TaskPageDto {
  @ApiProperty({ type: [TaskDto] }) items!: TaskDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class UpdateTaskDto {
  @ApiProperty({ nullable: true, type: String, description: 'A user id, or null to unassign' })
  @ValidateIf((_o, value) => value !== null)
  @IsUUID()
  assigneeId!: string | null;
}
