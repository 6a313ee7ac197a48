import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { MtErrorDto } from '../machine-translation/mt.dto';
import { DEFAULT_MIN_SCORE, HIGHEST_MIN_SCORE, LOWEST_MIN_SCORE } from './plan';

export class PretranslateDto {
  @ApiProperty({
    enum: ['tm', 'mt'],
    description: 'tm: the translation memory; mt: the project’s machine-translation provider',
  })
  @IsIn(['tm', 'mt'])
  from!: 'tm' | 'mt';

  @ApiPropertyOptional({
    minimum: LOWEST_MIN_SCORE,
    maximum: HIGHEST_MIN_SCORE,
    example: DEFAULT_MIN_SCORE,
    description:
      `tm only: the lowest match score that fills a segment (${DEFAULT_MIN_SCORE} when not given). 101 context matches only, 100 ` +
      'the same English (exact or context), below 100 fuzzy matches too (never below the ' +
      'minimum the memory shows for short sentences). Ignored for mt.',
  })
  @IsOptional()
  @IsInt()
  @Min(LOWEST_MIN_SCORE)
  @Max(HIGHEST_MIN_SCORE)
  minScore?: number;
}

export class PretranslateResultDto {
  @ApiProperty({ description: 'Untranslated segments that got a draft' })
  filled!: number;
  @ApiProperty({
    description:
      'Of `filled`, those marked `translated` (context matches, with the project setting ' +
      'pretranslateContextAsTranslated); the others are `fuzzy`',
  })
  translated!: number;
  @ApiProperty({
    description:
      'Untranslated segments left as they were: no match good enough, no machine translation ' +
      '(the run stopped), or a person saved them meanwhile',
  })
  skipped!: number;
  @ApiProperty({
    type: MtErrorDto,
    nullable: true,
    description:
      'mt: why the run stopped before the end (the monthly limit, the provider failing); what ' +
      'was translated before is filled',
  })
  stopped!: MtErrorDto | null;
}
