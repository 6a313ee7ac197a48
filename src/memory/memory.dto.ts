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

const SLUG_DESCRIPTION =
  "A project's slug: the entries go into (or come from) that project's memory only";

export class TmxImportQuery {
  @ApiPropertyOptional({
    example: 'health-library',
    description:
      SLUG_DESCRIPTION +
      '. Without it the imported entries belong to no project and every signed-in user sees them.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  project?: string;
}

export class TmxExportQuery {
  @ApiProperty({ example: 'en', description: 'Source locale' })
  @IsString()
  @MaxLength(35)
  source!: string;

  @ApiProperty({ example: 'es', description: 'Target locale' })
  @IsString()
  @MaxLength(35)
  target!: string;

  @ApiPropertyOptional({ example: 'health-library', description: SLUG_DESCRIPTION })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  project?: string;
}

export class TmxUnitProblemDto {
  @ApiProperty({ description: 'Position of the <tu> in the file, from 1' }) unit!: number;
  @ApiProperty({ example: 'unknown language "tlh"' }) message!: string;
}

export class TmxImportResultDto {
  @ApiProperty({ description: '<tu> elements read' }) units!: number;
  @ApiProperty({ description: 'Entries added: one per (source, target language) of a unit' })
  imported!: number;
  @ApiProperty({
    description: 'Pairs already in that memory (same locales, source and target) or repeated',
  })
  duplicates!: number;
  @ApiProperty({ description: 'Units that gave no entry (listed in errors)' }) skipped!: number;
  @ApiProperty({
    type: [TmxUnitProblemDto],
    description: 'Problems of single units (the first 100): the unit, or that target, is left out',
  })
  errors!: TmxUnitProblemDto[];
}
