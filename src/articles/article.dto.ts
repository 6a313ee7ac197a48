import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
import { IsCleanText } from '../common/validation';
import { ProgressDto, SLUG_PATTERN } from '../projects/project.dto';
import { UserRefDto } from '../translations/segment.dto';

export const SOURCE_FORMATS = ['markdown', 'html', 'text'] as const;
export type SourceFormatName = (typeof SOURCE_FORMATS)[number];

/** Largest accepted source content (UTF-8 bytes): 413 PAYLOAD_TOO_LARGE above it. */
export const MAX_CONTENT_BYTES = 1024 * 1024;

export class CreateArticleDto {
  @ApiProperty({ example: 'managing-fatigue', pattern: SLUG_PATTERN.source })
  @IsString()
  @MaxLength(120)
  @Matches(SLUG_PATTERN, { message: 'slug must be lower-case letters, digits and single hyphens' })
  slug!: string;

  @ApiProperty({ example: 'Managing fatigue during treatment' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  @IsCleanText()
  title!: string;

  @ApiProperty({
    enum: SOURCE_FORMATS,
    description: 'Checked by the service: another value is 415 UNSUPPORTED_FORMAT',
  })
  @IsString()
  format!: string;

  @ApiProperty({
    description:
      'At most 1 MB (UTF-8); larger is 413 PAYLOAD_TOO_LARGE, empty 422 EMPTY_CONTENT, binary 422 BINARY_CONTENT',
  })
  @IsString()
  content!: string;
}

export class UpdateSourceDto {
  @ApiProperty({ description: 'The whole new source, same limits as on create' })
  @IsString()
  content!: string;

  @ApiPropertyOptional({ description: 'Defaults to the current title' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  @IsCleanText()
  title?: string;

  @ApiPropertyOptional({ enum: SOURCE_FORMATS, description: 'Defaults to the current format' })
  @IsOptional()
  @IsString()
  format?: string;

  @ApiPropertyOptional({
    default: false,
    description:
      'Carry translations of changed segments over in their current state instead of as fuzzy ' +
      'drafts (logged on the version), where that is safe: one old sentence to one new one, a ' +
      '`minor` change (whitespace, punctuation, letter case), identical inline codes and ' +
      'numbers. Every other changed segment becomes fuzzy all the same and is listed in ' +
      '`sync.demoted`. Refused with 422 CLINICAL_CHANGE when any change is clinical.',
  })
  @IsOptional()
  @IsBoolean()
  minorChange?: boolean;
}

export class SyncCountsDto {
  @ApiProperty() kept!: number;
  @ApiProperty() fuzzy!: number;
  @ApiProperty() added!: number;
  @ApiProperty() removed!: number;
}

export class DemotedSegmentDto {
  @ApiProperty({ description: 'The changed segment (new version)' }) id!: string;
  @ApiProperty({
    enum: ['split', 'merge', 'wording', 'clinical', 'codes', 'numbers'],
    description:
      'Why minorChange did not keep its state: not one old sentence to one new one (split, ' +
      'merge), a change that is not minor, or inline codes or numbers written differently',
  })
  reason!: string;
}

export class SourceSyncDto extends SyncCountsDto {
  @ApiProperty({
    description:
      'With minorChange: changed segments whose translations kept their state (approved stays ' +
      'approved); 0 without minorChange',
  })
  keptApproved!: number;
  @ApiProperty({
    type: [DemotedSegmentDto],
    description: 'With minorChange: changed segments that became fuzzy drafts all the same',
  })
  demoted!: DemotedSegmentDto[];
}

export class ArticleCreatedDto {
  @ApiProperty() slug!: string;
  @ApiProperty() title!: string;
  @ApiProperty() currentVersion!: number;
  @ApiProperty() segmentCount!: number;
}

export class ArticleDto extends ArticleCreatedDto {
  @ApiProperty({ enum: SOURCE_FORMATS }) format!: string;
  @ApiProperty() updatedAt!: Date;
  @ApiProperty({ type: [ProgressDto], description: 'Per target locale, over the current version' })
  locales!: ProgressDto[];
}

export class ArticlePageDto {
  @ApiProperty({ type: [ArticleDto] }) items!: ArticleDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class SourceUpdatedDto {
  @ApiProperty() currentVersion!: number;
  @ApiProperty({ description: 'false when the normalized content and title are unchanged' })
  changed!: boolean;
  @ApiProperty({ type: SourceSyncDto }) sync!: SourceSyncDto;
  @ApiProperty({ description: 'Changed segments by risk' })
  changeRisk!: { minor: number; wording: number; clinical: number };
}

export class PreviewSegmentDto {
  @ApiProperty({ description: 'The id the segment will have (kept segments keep theirs)' })
  id!: string;
  @ApiProperty() position!: number;
  @ApiProperty({ example: 'paragraph' }) kind!: string;
  @ApiProperty({
    enum: ['kept', 'changed', 'added'],
    description:
      'kept: same English (translation and state stay); changed: aligned to an old segment ' +
      'whose translation becomes a fuzzy draft (or keeps its state with minorChange where ' +
      'safe); added: no old counterpart',
  })
  status!: 'kept' | 'changed' | 'added';
  @ApiProperty() source!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The old English of a changed segment (joined for a merge); else null',
  })
  previousSource!: string | null;
  @ApiProperty({ nullable: true, enum: ['minor', 'wording', 'clinical'] })
  changeRisk!: 'minor' | 'wording' | 'clinical' | null;
}

export class PreviewRemovedSegmentDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'Its position in the current version' }) position!: number;
  @ApiProperty() kind!: string;
  @ApiProperty() source!: string;
}

export class PreviewStatesDto {
  @ApiProperty() approved!: number;
  @ApiProperty() translated!: number;
  @ApiProperty() fuzzy!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty() untranslated!: number;
}

export class LocaleSyncPreviewDto {
  @ApiProperty({ example: 'es' }) locale!: string;
  @ApiProperty({
    description: 'Segments of the new version that will be approved (kept, or carried in state)',
  })
  keptApproved!: number;
  @ApiProperty({ description: 'Segments whose translation becomes a fuzzy draft' })
  becomeFuzzy!: number;
  @ApiProperty({
    description:
      'Segments new to the version (added, or changed with no translation to carry) left untranslated',
  })
  untranslatedAdded!: number;
  @ApiProperty({ type: PreviewStatesDto, description: 'Every segment of the new version by state' })
  after!: PreviewStatesDto;
}

export class SourcePreviewDto {
  @ApiProperty({ description: 'The version the preview compares with (the current one)' })
  currentVersion!: number;
  @ApiProperty({ description: 'false when the PUT would make no new version' })
  changed!: boolean;
  @ApiProperty({ type: SourceSyncDto, description: "Exactly the PUT's `sync`" })
  sync!: SourceSyncDto;
  @ApiProperty({ description: 'Changed segments by risk' })
  changeRisk!: { minor: number; wording: number; clinical: number };
  @ApiProperty({ type: [PreviewSegmentDto], description: 'The new version in document order' })
  segments!: PreviewSegmentDto[];
  @ApiProperty({ type: [PreviewRemovedSegmentDto], description: 'Current segments that go' })
  removed!: PreviewRemovedSegmentDto[];
  @ApiProperty({ type: [LocaleSyncPreviewDto], description: 'Per target locale' })
  locales!: LocaleSyncPreviewDto[];
}

export class VersionSummaryDto {
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: UserRefDto, nullable: true }) createdBy!: UserRefDto | null;
  @ApiProperty() segmentCount!: number;
  @ApiProperty() minorChange!: boolean;
  @ApiProperty({ type: SyncCountsDto, nullable: true }) sync!: SyncCountsDto | null;
}

export class VersionSegmentDto {
  @ApiProperty() id!: string;
  @ApiProperty() position!: number;
  @ApiProperty() kind!: string;
  @ApiProperty() text!: string;
}

export class VersionDto {
  @ApiProperty() version!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: SOURCE_FORMATS }) format!: string;
  @ApiProperty() content!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: [VersionSegmentDto] }) segments!: VersionSegmentDto[];
}

export class DiffQuery {
  @ApiPropertyOptional({ description: 'The older version; defaults to the previous one' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  from?: number;
}

export class ChangedSegmentDto {
  @ApiProperty() id!: string;
  @ApiProperty() position!: number;
  @ApiProperty() text!: string;
  @ApiProperty({ type: [String], description: 'Ids in the older version (two for a merge)' })
  previousIds!: string[];
  @ApiProperty() previousText!: string;
  @ApiProperty({ enum: ['minor', 'wording', 'clinical'] }) changeRisk!: string;
}

export class DiffDto {
  @ApiProperty() from!: number;
  @ApiProperty() to!: number;
  @ApiProperty({ type: [VersionSegmentDto] }) kept!: VersionSegmentDto[];
  @ApiProperty({ type: [ChangedSegmentDto] }) changed!: ChangedSegmentDto[];
  @ApiProperty({ type: [VersionSegmentDto] }) added!: VersionSegmentDto[];
  @ApiProperty({ type: [VersionSegmentDto], description: 'Segments of the older version' })
  removed!: VersionSegmentDto[];
}
