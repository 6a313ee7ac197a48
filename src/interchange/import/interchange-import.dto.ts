import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { IMPORT_FORMATS, ImportFormat } from './readers/record';

const queryBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ImportQuery {
  @ApiProperty({ enum: IMPORT_FORMATS, description: 'Format of the body' })
  @IsIn(IMPORT_FORMATS)
  format!: ImportFormat;

  @ApiPropertyOptional({
    description:
      'Overwrite segments changed since the export (their revision differs from the file’s) ' +
      'instead of reporting them as CONFLICT. Administrators only (403 otherwise).',
  })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  force?: boolean;

  @ApiPropertyOptional({
    description:
      'All or nothing: when any unit has an error, nothing is applied and the answer is 422 ' +
      'IMPORT_REJECTED with the report in `details`.',
  })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  atomic?: boolean;

  @ApiPropertyOptional({
    description:
      'Also import targets the file marks as not final (PO `#, fuzzy`, XLIFF 2.0 ' +
      '`state="initial"`, XLIFF 1.2 `state="new|needs-…"`); by default they are skipped as ' +
      'NOT_TRANSLATED.',
  })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  includeFuzzy?: boolean;
}

export const IMPORT_UNIT_CODES = [
  'EMPTY',
  'NOT_TRANSLATED',
  'UNKNOWN_SEGMENT',
  'SOURCE_CHANGED',
  'CONFLICT',
  'CHECK_FAILED',
  'INVALID_UNIT',
  'DUPLICATE_UNIT',
] as const;

export class ImportUnitReportDto {
  @ApiProperty({ description: 'The unit id in the file (our segment id)' }) id!: string;
  @ApiPropertyOptional({ description: 'Article slug the unit was applied to' }) article?: string;
  @ApiProperty({
    enum: IMPORT_UNIT_CODES,
    description:
      'Skipped: EMPTY (no target), NOT_TRANSLATED (fuzzy in the file), UNKNOWN_SEGMENT, ' +
      'SOURCE_CHANGED (the English changed since the export). Errors: CONFLICT (the segment ' +
      'changed since the export), CHECK_FAILED (a blocking check, in details.checks), ' +
      'INVALID_UNIT (markup we cannot read, no id), DUPLICATE_UNIT.',
  })
  code!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  details?: Record<string, unknown>;
}

export class ImportResultDto {
  @ApiProperty({
    description: 'Whether anything was written (false only for a rejected atomic import)',
  })
  applied!: boolean;
  @ApiProperty({ description: 'Units read from the file' }) units!: number;
  @ApiProperty({ description: 'Segments saved from the file (state translated, origin import)' })
  updated!: number;
  @ApiProperty({ description: 'Units whose target was already the stored one' })
  unchanged!: number;
  @ApiProperty({ type: [ImportUnitReportDto], description: 'Units left out (the first 10,000)' })
  skipped!: ImportUnitReportDto[];
  @ApiProperty({ type: [ImportUnitReportDto], description: 'Units refused (the first 10,000)' })
  errors!: ImportUnitReportDto[];
  @ApiProperty() skippedTotal!: number;
  @ApiProperty() errorTotal!: number;
}
