import { ApiProperty, ApiPropertyOptional, PartialType, OmitType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import type { ProjectRole } from './membership.entity';
import type { PublishPolicy, StalePolicy } from './project.entity';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export class CreateProjectDto {
  @ApiProperty({ example: 'health-library', pattern: SLUG_PATTERN.source })
  @IsString()
  @MaxLength(64)
  @Matches(SLUG_PATTERN, { message: 'slug must be lower-case letters, digits and single hyphens' })
  slug!: string;

  @ApiProperty({ example: 'Health Library' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'en' })
  @IsString()
  @MaxLength(35)
  sourceLocale!: string;

  @ApiProperty({ example: ['es', 'zh-Hans', 'vi', 'ar'] })
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique((l: string) => String(l).toLowerCase())
  @IsString({ each: true })
  targetLocales!: string[];

  @ApiPropertyOptional({ enum: ['complete', 'fallback'], default: 'complete' })
  @IsOptional()
  @IsIn(['complete', 'fallback'])
  publishPolicy?: PublishPolicy;

  @ApiPropertyOptional({ enum: ['keep', 'withdraw-on-clinical'], default: 'keep' })
  @IsOptional()
  @IsIn(['keep', 'withdraw-on-clinical'])
  stalePolicy?: StalePolicy;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  requireReview?: boolean;

  @ApiPropertyOptional({ default: 7, minimum: 1, maximum: 365 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  dueDays?: number;

  @ApiPropertyOptional({
    default: false,
    description:
      'Every save of a sentence that occurs several times in the same article also fills its ' +
      'untranslated occurrences in that locale (as PUT with propagate: true does for one save)',
  })
  @IsOptional()
  @IsBoolean()
  propagateRepeats?: boolean;

  @ApiPropertyOptional({
    description:
      "The project's approved translations (its translation-memory entries) are offered to " +
      'every user of the server, not only to its members. False when not given.',
  })
  @IsOptional()
  @IsBoolean()
  sharedMemory?: boolean;

  @ApiPropertyOptional({
    default: false,
    description:
      'Pre-translation marks a context match (score 101: the same English with the same ' +
      'neighbouring sentences) `translated`, ready for review, instead of a `fuzzy` draft. ' +
      'Never `approved`: a person approves every segment.',
  })
  @IsOptional()
  @IsBoolean()
  pretranslateContextAsTranslated?: boolean;
}

export class UpdateProjectDto extends PartialType(OmitType(CreateProjectDto, ['slug'] as const)) {}

export class AddMemberDto {
  @ApiProperty()
  @IsUUID()
  userId!: string;

  @ApiProperty({ example: 'es' })
  @IsString()
  @MaxLength(35)
  locale!: string;

  @ApiProperty({ enum: ['translator', 'reviewer'] })
  @IsIn(['translator', 'reviewer'])
  role!: ProjectRole;
}

export class MemberDto {
  @ApiProperty() userId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'es' }) locale!: string;
  @ApiProperty({ enum: ['translator', 'reviewer'] }) role!: ProjectRole;
}

export class PublishedRefDto {
  @ApiProperty() number!: number;
  @ApiProperty() sourceVersion!: number;
  @ApiProperty() publishedAt!: string;
}

export class ChangeRiskCountsDto {
  @ApiProperty({ description: 'Whitespace, punctuation or letter case changed' }) minor!: number;
  @ApiProperty({ description: 'The wording changed' }) wording!: number;
  @ApiProperty({ description: 'A number, unit, dose or negation changed' }) clinical!: number;
}

export class WordCountsDto {
  @ApiProperty({ description: 'Words of every segment of the current version' }) total!: number;
  @ApiProperty() untranslated!: number;
  @ApiProperty() fuzzy!: number;
  @ApiProperty() translated!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty() approved!: number;
}

export class ProgressDto {
  @ApiProperty() locale!: string;
  @ApiProperty({ description: 'Segments of the current version' }) total!: number;
  @ApiProperty() untranslated!: number;
  @ApiProperty() fuzzy!: number;
  @ApiProperty() translated!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty() approved!: number;
  @ApiProperty({
    type: WordCountsDto,
    description:
      'The same counts in source words (Unicode word segmentation of the English, numbers ' +
      'included, inline codes not)',
  })
  words!: WordCountsDto;
  @ApiProperty({
    type: ChangeRiskCountsDto,
    description:
      'Segments changed by the last source update whose translation is not approved yet, by ' +
      'how much the English changed; `clinical` is what needs a careful look first',
  })
  changeRisk!: ChangeRiskCountsDto;
  @ApiProperty({ type: PublishedRefDto, nullable: true }) published!: PublishedRefDto | null;
  @ApiProperty() stale!: boolean;
}

export class ProjectDto {
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty() sourceLocale!: string;
  @ApiProperty({ type: [String] }) targetLocales!: string[];
  @ApiProperty({ enum: ['complete', 'fallback'] }) publishPolicy!: PublishPolicy;
  @ApiProperty({ enum: ['keep', 'withdraw-on-clinical'] }) stalePolicy!: StalePolicy;
  @ApiProperty() requireReview!: boolean;
  @ApiProperty() dueDays!: number;
  @ApiProperty() propagateRepeats!: boolean;
  @ApiProperty() sharedMemory!: boolean;
  @ApiProperty() pretranslateContextAsTranslated!: boolean;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: [ProgressDto], description: 'Per target locale, over all articles' })
  progress!: ProgressDto[];
}
