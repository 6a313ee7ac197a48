import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { IsCleanText } from '../common/validation';
import { TmSuggestionDto } from '../memory/memory.dto';
import { UserRefDto } from '../translations/segment.dto';

export class CreateGlossaryTermDto {
  @ApiProperty({
    example: 'acetaminophen',
    description:
      'The term in the source language. Matched as a whole word in any letter case; unique per ' +
      'project and locale whatever its case.',
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

  @ApiPropertyOptional({ example: 'Use the generic name, never a brand.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsCleanText()
  note?: string;
}

export class GlossaryQuery {
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
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ type: UserRefDto, nullable: true }) createdBy!: UserRefDto | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class GlossarySuggestionDto {
  @ApiProperty({ example: 'acetaminophen' }) term!: string;
  @ApiProperty({ example: 'paracetamol' }) translation!: string;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty() doNotTranslate!: boolean;
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
      'any case), longest term first',
  })
  glossary!: GlossarySuggestionDto[];
}
