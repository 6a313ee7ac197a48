import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { SEGMENT_STATES } from '../translations/workflow';

export const EXPORT_FORMATS = ['xliff2', 'xliff12', 'po', 'i18next'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_BUNDLES = ['file', 'zip'] as const;
export type ExportBundle = (typeof EXPORT_BUNDLES)[number];

const STATE_LIST = new RegExp(`^(${SEGMENT_STATES.join('|')})(,(${SEGMENT_STATES.join('|')}))*$`);

export class ArticleExportQuery {
  @ApiProperty({
    enum: EXPORT_FORMATS,
    description:
      'xliff2: XLIFF 2.0 core; xliff12: XLIFF 1.2; po: gettext PO; i18next: i18next JSON v4 ' +
      '(segment ids as keys, translated segments only)',
  })
  @IsIn(EXPORT_FORMATS, { message: `format must be one of ${EXPORT_FORMATS.join(', ')}` })
  format!: ExportFormat;

  @ApiPropertyOptional({
    description: 'Comma-separated states to export (default: all), e.g. `untranslated,fuzzy`',
    example: 'untranslated,fuzzy',
  })
  @IsOptional()
  @IsString()
  @Matches(STATE_LIST, {
    message: `state must be a comma-separated list of ${SEGMENT_STATES.join(', ')}`,
  })
  state?: string;
}

export class ProjectExportQuery extends ArticleExportQuery {
  @ApiPropertyOptional({
    description: 'Comma-separated article slugs (default: every article of the project)',
    example: 'after-the-infusion,side-effects',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*(,[a-z0-9]+(?:-[a-z0-9]+)*)*$/, {
    message: 'articles must be a comma-separated list of article slugs',
  })
  articles?: string;

  @ApiPropertyOptional({
    enum: EXPORT_BUNDLES,
    description:
      'file: one XLIFF document with a <file> per article (XLIFF formats only; the default ' +
      'for them); zip: one file per article plus manifest.json (the default, and the only ' +
      'choice, for po and i18next)',
  })
  @IsOptional()
  @IsIn(EXPORT_BUNDLES, { message: 'bundle must be file or zip' })
  bundle?: ExportBundle;
}
