import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ErrorBodyDto } from '../common/api-errors';
import { PageQuery } from '../common/pagination';
import { IsCleanText } from '../common/validation';
import { SEGMENT_STATES } from './workflow';

export class UserRefDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

export class CheckResultDto {
  @ApiProperty({ example: 'NUMBERS' }) code!: string;
  @ApiProperty({ enum: ['error', 'warning'] }) severity!: 'error' | 'warning';
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ type: Object }) details?: Record<string, unknown>;
}

export class SegmentDto {
  @ApiProperty({
    description:
      'Stable id: the key of the normalized source text (and its occurrence), so an unchanged ' +
      'sentence keeps its id across source versions, and an id also names the English it stands for.',
  })
  id!: string;
  @ApiProperty() position!: number;
  @ApiProperty({ example: 'paragraph' }) kind!: string;
  @ApiProperty({ example: 'Take {1}2 tablets{/1} with water.' }) source!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'The English the current target was written against, however many source versions ago ' +
      '(null without a target). Diff it with `source` to see everything that changed since.',
  })
  baseSource!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Equals baseSource (kept for clients written before it)',
  })
  previousSource!: string | null;
  @ApiProperty({
    nullable: true,
    enum: ['minor', 'wording', 'clinical'],
    description:
      'How much the English changed between baseSource and source, across any number of ' +
      'versions; null when they are equal or there is no target',
  })
  changeRisk!: 'minor' | 'wording' | 'clinical' | null;
  @ApiProperty({ nullable: true, type: String }) target!: string | null;
  @ApiProperty({ enum: SEGMENT_STATES }) state!: string;
  @ApiProperty({ description: '0 for a segment never written' }) revision!: number;
  @ApiProperty({
    type: [CheckResultDto],
    description:
      'The checks of the current target against the current source, run when read (so a ' +
      'carried draft whose numbers no longer match the English is marked); [] without a target',
  })
  checks!: CheckResultDto[];
  @ApiProperty({ type: UserRefDto, nullable: true }) updatedBy!: UserRefDto | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) updatedAt!: Date | null;
  @ApiProperty({
    description:
      'Other untranslated occurrences of the same source text in this article and locale, ' +
      'which a save with propagate: true would fill',
  })
  repeats!: number;
}

export class SavedSegmentDto extends SegmentDto {
  @ApiProperty({
    type: [String],
    description: 'Ids of the other occurrences this save filled (propagate), else []',
  })
  propagated!: string[];
}

export class SegmentPageDto {
  @ApiProperty({ type: [SegmentDto] }) items!: SegmentDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class SegmentListQuery extends PageQuery {
  @ApiPropertyOptional({
    description: 'Comma-separated states, e.g. `untranslated,fuzzy`',
    example: 'untranslated,fuzzy',
  })
  @IsOptional()
  @IsString()
  @Matches(new RegExp(`^(${SEGMENT_STATES.join('|')})(,(${SEGMENT_STATES.join('|')}))*$`), {
    message: `state must be a comma-separated list of ${SEGMENT_STATES.join(', ')}`,
  })
  state?: string;
}

export class SaveSegmentDto {
  @ApiProperty({ example: 'Tome {1}2 comprimidos{/1} con agua.' })
  @IsString()
  @MaxLength(20000)
  target!: string;

  @ApiProperty({
    description:
      'The revision the edit is based on (0 when the segment was never written). A stale ' +
      'revision is 409 TRANSLATION_CONFLICT with the current segment in details.segment.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  revision!: number;

  @ApiPropertyOptional({
    default: false,
    description:
      'Also fill the other occurrences of the same source text in this article and locale ' +
      'that are untranslated (never one that has a translation), each as its own revision ' +
      '(action `propagate`) with its own checks; the project setting propagateRepeats does ' +
      'this for every save',
  })
  @IsOptional()
  @IsBoolean()
  propagate?: boolean;
}

export class ReviewSegmentDto {
  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsIn(['approve', 'reject'])
  decision!: 'approve' | 'reject';

  @ApiPropertyOptional({ example: 'The dose must stay in milligrams.' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  comment?: string;

  @ApiProperty({
    description:
      'The revision the reviewer read and decides on; when it is no longer the current one, ' +
      '409 TRANSLATION_CONFLICT with the current segment in details.segment and nothing changes',
  })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  revision!: number;
}

export class HistoryItemDto {
  @ApiProperty({
    description:
      'The segment the revision was written for: this one, or an older segment of its lineage ' +
      'whose translation was carried to it when the English changed',
  })
  segmentId!: string;
  @ApiProperty({ description: 'The revision number within segmentId' }) revision!: number;
  @ApiProperty({ description: 'The source version current when the revision was made' })
  sourceVersion!: number;
  @ApiProperty() target!: string;
  @ApiProperty({ enum: SEGMENT_STATES }) state!: string;
  @ApiProperty({ description: 'The English the target was written against' })
  sourceText!: string;
  @ApiProperty({
    type: UserRefDto,
    nullable: true,
    description: 'Who made the revision: the translator of a save, the reviewer of a review',
  })
  author!: UserRefDto | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ nullable: true, type: String }) comment!: string | null;
  @ApiProperty({
    enum: ['save', 'approve', 'reject', 'carried', 'import', 'propagate', 'pretranslate'],
  })
  action!: string;
  @ApiProperty({
    enum: ['human', 'carried', 'tm', 'mt', 'import'],
    description:
      'Who wrote the target: a person, a carry across a change of the English, the ' +
      'translation memory or machine translation (pre-translation), or a file import',
  })
  origin!: string;
  @ApiProperty({ type: [CheckResultDto] }) checks!: CheckResultDto[];
}

export class HistoryPageDto {
  @ApiProperty({ type: [HistoryItemDto] }) items!: HistoryItemDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class CreateCommentDto {
  @ApiProperty({
    example: 'Is "dose" here the daily total?',
    description:
      'Refused (400 VALIDATION_FAILED) with bidi embeddings/overrides, unpaired isolates, ' +
      'control characters other than tab and line feed, or no visible character',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  @IsCleanText()
  body!: string;
}

export class CommentDto {
  @ApiProperty() id!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: UserRefDto }) author!: UserRefDto;
  @ApiProperty() createdAt!: Date;
}

export class CheckSegmentDto {
  @ApiProperty({
    example: 'Tome {1}2 comprimidos{/1} con agua.',
    description: 'The target to check, as it would be saved',
  })
  @IsString()
  @MaxLength(20000)
  target!: string;
}

export class SegmentChecksDto {
  @ApiProperty({
    type: [CheckResultDto],
    description:
      'Exactly the checks a save of this target would run, blocking (`error`) and warnings; a ' +
      'save with an `error` among them would be 422 CHECK_FAILED',
  })
  checks!: CheckResultDto[];
}

/** How many segments one batch review may name. */
export const MAX_REVIEW_BATCH = 5000;

export class ReviewItemDto {
  @ApiProperty({ description: 'Segment id' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  id!: string;

  @ApiProperty({ description: 'The revision the reviewer read and decides on' })
  @IsInt()
  @Min(0)
  revision!: number;
}

export class ReviewBatchDto {
  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsIn(['approve', 'reject'])
  decision!: 'approve' | 'reject';

  @ApiProperty({
    type: [ReviewItemDto],
    minItems: 1,
    maxItems: MAX_REVIEW_BATCH,
    description: 'The segments and the revisions shown to the reviewer; each id at most once',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_REVIEW_BATCH)
  @ArrayUnique((item: ReviewItemDto) => item?.id, { message: 'each id may appear only once' })
  @ValidateNested({ each: true })
  @Type(() => ReviewItemDto)
  items!: ReviewItemDto[];

  @ApiPropertyOptional({
    example: 'Use "dosis" for dose throughout.',
    description:
      'Recorded on every revision the batch makes; required (non-blank) to reject, since a ' +
      'translator is sent back a whole batch of segments with it',
  })
  @ValidateIf((dto: ReviewBatchDto) => dto.decision === 'reject' || dto.comment !== undefined)
  @IsString()
  @Matches(/\S/, { message: 'comment must not be blank' })
  @MaxLength(5000)
  comment?: string;
}

export const REVIEW_OUTCOMES = [
  'approved',
  'rejected',
  'conflict',
  'self_review',
  'check_failed',
  'not_reviewable',
] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

export class ReviewItemResultDto {
  @ApiProperty() id!: string;
  @ApiProperty({
    enum: REVIEW_OUTCOMES,
    description:
      '`approved` / `rejected`: done. Not done, nothing changed: `conflict` (the revision is no ' +
      'longer the current one), `self_review` (the reviewer wrote the text), `check_failed` (a ' +
      'blocking check fails on the current source; `checks` lists them), `not_reviewable` (not ' +
      'in the current source version, or not `translated`)',
  })
  outcome!: ReviewOutcome;
  @ApiPropertyOptional({
    type: SegmentDto,
    description:
      'The segment as it is after the batch (absent when it is not in the current version)',
  })
  segment?: SegmentDto;
  @ApiPropertyOptional({
    type: [CheckResultDto],
    description: 'The failing checks of check_failed',
  })
  checks?: CheckResultDto[];
}

export class ReviewBatchResultDto {
  @ApiProperty() approved!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty({ description: 'Items not reviewed (any other outcome)' }) failed!: number;
  @ApiProperty({ type: [ReviewItemResultDto], description: 'One per item, in the order sent' })
  results!: ReviewItemResultDto[];
}

class TranslationConflictDetailsDto {
  @ApiProperty({
    type: SegmentDto,
    nullable: true,
    description: 'The segment as it is now (its target, state and revision); null if it is gone',
  })
  segment!: SegmentDto | null;
}

/** 409 TRANSLATION_CONFLICT: the revision sent is not the current one; nothing was written. */
export class TranslationConflictErrorDto extends ErrorBodyDto {
  static readonly code = 'TRANSLATION_CONFLICT';
  @ApiProperty({ example: 409 }) declare statusCode: number;
  @ApiProperty({ enum: ['TRANSLATION_CONFLICT'], example: 'TRANSLATION_CONFLICT' })
  declare code: string;
  @ApiProperty({ type: TranslationConflictDetailsDto })
  details!: TranslationConflictDetailsDto;
}

class CheckFailedDetailsDto {
  @ApiProperty({ type: [CheckResultDto], description: 'The blocking checks that failed' })
  checks!: CheckResultDto[];
  @ApiProperty({ type: [CheckResultDto], description: 'The warnings, which alone do not block' })
  warnings!: CheckResultDto[];
}

/** 422 CHECK_FAILED: the target fails a blocking quality check; nothing was written. */
export class CheckFailedErrorDto extends ErrorBodyDto {
  static readonly code = 'CHECK_FAILED';
  @ApiProperty({ example: 422 }) declare statusCode: number;
  @ApiProperty({ enum: ['CHECK_FAILED'], example: 'CHECK_FAILED' }) declare code: string;
  @ApiProperty({ type: CheckFailedDetailsDto }) details!: CheckFailedDetailsDto;
}
