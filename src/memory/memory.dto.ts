import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { UserRefDto } from '../translations/segment.dto';

export class TmOriginDto {
  @ApiProperty({ nullable: true, type: String, example: 'health-library' })
  project!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'flu-vaccine' }) article!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The origin segment id' })
  segment!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) approvedAt!: Date;
  @ApiProperty({ type: UserRefDto, nullable: true }) approver!: UserRefDto | null;
}

export class TmMatchDto {
  @ApiProperty({ description: "The memory's source text, with its inline codes" })
  source!: string;
  @ApiProperty({ description: 'The approved translation, with its inline codes' })
  target!: string;
  @ApiProperty({
    minimum: 0,
    maximum: 101,
    description:
      '101: the same source and the same neighbouring segments; 100: the same source ' +
      '(normalised); below: word-level edit distance where inline codes and numbers are ' +
      'tokens and a changed number costs twice a changed word',
  })
  score!: number;
  @ApiProperty({
    description: 'false: a translation of the origin segment that a later approval superseded',
  })
  current!: boolean;
  @ApiProperty({ type: TmOriginDto }) origin!: TmOriginDto;
}

export class TmDiffOpDto {
  @ApiProperty({ enum: ['equal', 'insert', 'delete'] }) op!: 'equal' | 'insert' | 'delete';
  @ApiProperty() text!: string;
}

export class TmSuggestionDto extends TmMatchDto {
  @ApiProperty({
    type: [TmDiffOpDto],
    description: "Word-level operations from the match's source to the segment's current source",
  })
  diff!: TmDiffOpDto[];
}

export class TmSearchQuery {
  @ApiProperty({ example: 'en', description: 'Source locale' })
  @IsString()
  @MaxLength(35)
  source!: string;

  @ApiProperty({ example: 'es', description: 'Target locale' })
  @IsString()
  @MaxLength(35)
  target!: string;

  @ApiProperty({ example: 'Wash your hands before meals.', description: 'Source text to match' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  q!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from a previous page' })
  @IsOptional()
  @IsString()
  cursor?: string;
}

export class TmMatchPageDto {
  @ApiProperty({ type: [TmMatchDto] }) items!: TmMatchDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
