import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { MT_PROVIDERS, type MtErrorCode, type MtProviderName } from './provider';

export class PutMtConfigDto {
  @ApiProperty({ enum: MT_PROVIDERS, example: 'deepl' })
  @IsIn(MT_PROVIDERS)
  provider!: MtProviderName;

  @ApiPropertyOptional({
    example: 'http://127.0.0.1:5000',
    description:
      "Base URL of the provider's API; defaults to its public endpoint (DeepL: api.deepl.com, " +
      'or api-free.deepl.com for a key ending in `:fx`; Google: translation.googleapis.com; ' +
      'Microsoft: api.cognitive.microsofttranslator.com; OpenAI-compatible: ' +
      'api.openai.com/v1). Required for LibreTranslate. Private and loopback addresses are ' +
      'allowed: only an admin sets this.',
  })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  endpoint?: string;

  @ApiPropertyOptional({
    writeOnly: true,
    description:
      'Stored sealed and never returned. Omitted: the stored key is kept when the provider and ' +
      'endpoint stay the same. Optional for LibreTranslate and OpenAI-compatible servers that ' +
      'need none.',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  apiKey?: string;

  @ApiProperty({
    example: ['es', 'fr'],
    description: 'Target locales of the project that get machine translations (empty: none)',
  })
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(35, { each: true })
  locales!: string[];

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    example: 500000,
    description:
      'Characters that may be sent per calendar month (UTC); past it no request is made. ' +
      'Absent or null: no limit.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1e12)
  monthlyCharacterLimit?: number | null;

  @ApiPropertyOptional({
    example: 'gpt-4o-mini',
    description: 'OpenAI-compatible only: the model (default gpt-4o-mini)',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  model?: string;

  @ApiPropertyOptional({
    example: 'westeurope',
    description: 'Microsoft only: the Azure region of a regional or multi-service resource',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  region?: string;
}

export class MtUsageDto {
  @ApiProperty({ example: '2026-12', description: 'Calendar month (UTC)' }) month!: string;
  @ApiProperty({ description: 'Characters sent to the provider this month' }) characters!: number;
}

export class MtConfigDto {
  @ApiProperty({ enum: MT_PROVIDERS }) provider!: MtProviderName;
  @ApiProperty({ nullable: true, type: String }) endpoint!: string | null;
  @ApiProperty({ description: 'Whether a key is stored (the key itself is never returned)' })
  hasApiKey!: boolean;
  @ApiProperty({ type: [String], example: ['es'] }) locales!: string[];
  @ApiProperty({ nullable: true, type: Number }) monthlyCharacterLimit!: number | null;
  @ApiProperty({ nullable: true, type: String }) model!: string | null;
  @ApiProperty({ nullable: true, type: String }) region!: string | null;
  @ApiProperty({ type: MtUsageDto }) usage!: MtUsageDto;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
}

export class MtCheckDto {
  @ApiProperty({ example: 'INLINE_CODES' }) code!: string;
  @ApiProperty({ enum: ['error', 'warning'] }) severity!: 'error' | 'warning';
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  details?: Record<string, unknown>;
}

export class MtSuggestionDto {
  @ApiProperty({ enum: MT_PROVIDERS }) provider!: MtProviderName;
  @ApiProperty({ description: 'The machine translation, with our inline codes' })
  target!: string;
  @ApiProperty({
    type: [MtCheckDto],
    description:
      'The checks a save of this target would run, failures only (a broken code or number ' +
      'shows here; the suggestion is never hidden)',
  })
  checks!: MtCheckDto[];
}

export const MT_ERROR_CODES: MtErrorCode[] = [
  'MT_UNAVAILABLE',
  'MT_RATE_LIMITED',
  'MT_AUTH_FAILED',
  'MT_QUOTA_EXCEEDED',
];

export class MtErrorDto {
  @ApiProperty({ enum: MT_ERROR_CODES }) code!: MtErrorCode;
  @ApiProperty({ description: 'Human-readable text (English), for an admin to act on' })
  message!: string;
  @ApiPropertyOptional({ description: 'MT_RATE_LIMITED: seconds the provider asked to wait' })
  retryAfter?: number;
}
