import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { IsCleanText } from '../common/validation';
import { MtErrorDto, MtSuggestionDto } from '../machine-translation/mt.dto';
import { TmSuggestionDto } from '../memory/memory.dto';
import { UserRefDto } from '../translations/segment.dto';

export class CreateGlossaryTermDto {
  @ApiProperty({
    example: 'acetaminophen',
    description:
      'The term in the source language. Matched as a whole word, in any letter case unless ' +
      '`caseSensitive`, and in an English source with the regular plural of its last word ' +
      '("dose" matches "doses", "therapy" "therapies"); unique per project and locale whatever ' +
      'its case.',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsCleanText()
  term!: string;

  @ApiProperty({ example: 'es', description: 'A target locale of the project' })
  @IsString()
  @MaxLength(35)
  locale!: string;

  @ApiPropertyOptional({
    example: 'paracetamol',
    description: 'Required unless doNotTranslate is true; then it defaults to the term itself',
  })
  @ValidateIf(
    (dto: CreateGlossaryTermDto) => dto.doNotTranslate !== true || dto.translation !== undefined,
  )
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  @IsCleanText()
  translation?: string;

  @ApiPropertyOptional({
    default: false,
    description: 'The term stays as written in the translation (brand names, drug names, …)',
  })
  @IsOptional()
  @IsBoolean()
  doNotTranslate?: boolean;

  @ApiPropertyOptional({
    default: false,
    description:
      'Match only in the letter case written ("AIDS", not "aids"); a do-not-translate term ' +
      'must then keep that case in the translation too',
  })
  @IsOptional()
  @IsBoolean()
  caseSensitive?: boolean;

  @ApiPropertyOptional({ example: 'Use the generic name, never a brand.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsCleanText()
  note?: string;
}

/**
 * A change to an entry: any fields of the create body, validated the same way; the result must
 * be a valid entry as a whole. `note: null` (or "") removes the note.
 */
export class UpdateGlossaryTermDto {
  @ApiPropertyOptional({ example: 'acetaminophen' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsCleanText()
  term?: string;

  @ApiPropertyOptional({ example: 'es', description: 'A target locale of the project' })
  @IsOptional()
  @IsString()
  @MaxLength(35)
  locale?: string;

  @ApiPropertyOptional({
    example: 'paracetamol',
    description:
      'Unchanged when left out, except that a do-not-translate entry whose translation was its ' +
      'term follows a new term',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  @IsCleanText()
  translation?: string;

  @ApiPropertyOptional({
    description: 'Turning it on without a translation makes the term its own translation',
  })
  @IsOptional()
  @IsBoolean()
  doNotTranslate?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  caseSensitive?: boolean;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'Use the generic name.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsCleanText()
  note?: string | null;
}

export class GlossaryFormatQuery {
  @ApiPropertyOptional({
    enum: ['csv'],
    description:
      'csv: the glossary as CSV (`text/csv`, columns `term,locale,translation,doNotTranslate,note`)',
  })
  @IsOptional()
  @IsIn(['csv'])
  format?: 'csv';
}

export class GlossaryQuery extends GlossaryFormatQuery {
  @ApiPropertyOptional({ example: 'es', description: 'Only entries for this target locale' })
  @IsOptional()
  @IsString()
  @MaxLength(35)
  locale?: string;
}

export class GlossaryTermDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'acetaminophen' }) term!: string;
  @ApiProperty({ example: 'es' }) locale!: string;
  @ApiProperty({ example: 'paracetamol' }) translation!: string;
  @ApiProperty() doNotTranslate!: boolean;
  @ApiProperty() caseSensitive!: boolean;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ type: UserRefDto, nullable: true }) createdBy!: UserRefDto | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Last change by PATCH or CSV import; null when never changed',
  })
  updatedAt!: Date | null;
}

export class GlossaryImportErrorDto {
  @ApiProperty({ example: 3, description: 'Line of the file where the record starts (1 = header)' })
  line!: number;
  @ApiProperty({ example: 'doNotTranslate must be true or false.' }) message!: string;
}

export class GlossaryImportResultDto {
  @ApiProperty({ description: 'Entries added' }) created!: number;
  @ApiProperty({ description: 'Existing entries (same term in any case, same locale) changed' })
  updated!: number;
  @ApiProperty({
    type: [GlossaryImportErrorDto],
    description: 'Records left out, each with why; the other records are applied',
  })
  errors!: GlossaryImportErrorDto[];
}

export class TermPositionDto {
  @ApiProperty({ example: 10, description: 'UTF-16 offset of the first character' })
  start!: number;
  @ApiProperty({ example: 23, description: 'UTF-16 offset just past the last character' })
  end!: number;
}

export class GlossarySuggestionDto {
  @ApiProperty({ example: 'acetaminophen' }) term!: string;
  @ApiProperty({ example: 'paracetamol' }) translation!: string;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty() doNotTranslate!: boolean;
  @ApiProperty({
    type: [TermPositionDto],
    description:
      "Every occurrence in the segment's source as stored (inline codes included), in order; " +
      'a plural ("doses" for "dose") counts as an occurrence',
  })
  positions!: TermPositionDto[];
}

export class SuggestionsDto {
  @ApiProperty({
    type: [TmSuggestionDto],
    description:
      'Translation-memory matches the caller may see, best first (at most 10): 101 context, ' +
      "100 exact, then fuzzy; the segment's own current entry is left out",
  })
  tm!: TmSuggestionDto[];

  @ApiProperty({
    type: [GlossarySuggestionDto],
    description:
      "Glossary entries for this locale whose term occurs in the segment's source (whole word, " +
      'any case unless case-sensitive, English plurals), longest term first',
  })
  glossary!: GlossarySuggestionDto[];

  @ApiProperty({
    type: [MtSuggestionDto],
    description:
      "Machine translations from the project's provider, when one is configured for `:locale` " +
      '(GET/PUT /api/projects/:project/mt), each with the checks a save would run',
  })
  mt!: MtSuggestionDto[];

  @ApiPropertyOptional({
    type: MtErrorDto,
    description:
      'Present when machine translation failed (MT_UNAVAILABLE, MT_RATE_LIMITED with ' +
      'retryAfter, MT_AUTH_FAILED, MT_QUOTA_EXCEEDED); the other suggestions are still given',
  })
  mtError?: MtErrorDto;
}
