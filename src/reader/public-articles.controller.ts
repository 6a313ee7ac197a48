import { Controller, Get, Header, Headers, Param, Query } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Public } from '../auth/auth.decorators';
import { PageQuery } from '../common/pagination';
import { LibraryService, PublicLibrary, PublicLibraryItem } from './library.service';
import { CACHE_CONTROL } from './prepared-page';
import { PublicArticle, ReaderService } from './reader.service';
import { ApiErrors } from '../common/api-errors';

class AvailableLocaleDto {
  @ApiProperty() code!: string;
  @ApiProperty() nativeName!: string;
  @ApiProperty() url!: string;
}

export class PublicArticleDto implements PublicArticle {
  @ApiProperty() locale!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'Sanitized HTML of the article body' }) html!: string;
  @ApiProperty() sourceVersion!: number;
  @ApiProperty() publishedAt!: string;
  @ApiProperty({ description: 'The translation is older than the current source' }) stale!: boolean;
  @ApiProperty({ description: 'Withdrawn for a clinical source change: the source is returned' })
  withdrawn!: boolean;
  @ApiProperty({ type: [AvailableLocaleDto] }) availableLocales!: AvailableLocaleDto[];
}

export class PublicLibraryQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Default: negotiated from Accept-Language' })
  @IsOptional()
  @IsString()
  @MaxLength(35)
  locale?: string;
}

class PublicLibraryItemDto implements PublicLibraryItem {
  @ApiProperty() slug!: string;
  @ApiProperty({ description: 'The locale asked for, or the source when not translated yet' })
  locale!: string;
  @ApiProperty() title!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ description: 'The translation is older than the current source' }) stale!: boolean;
}

export class PublicLibraryDto implements PublicLibrary {
  @ApiProperty() locale!: string;
  @ApiProperty({
    type: [PublicLibraryItemDto],
    description: 'Articles in the locale by title, then those offered in the source language',
  })
  items!: PublicLibraryItemDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
  @ApiProperty({ type: [AvailableLocaleDto] }) availableLocales!: AvailableLocaleDto[];
}

@ApiTags('readers')
@Controller('api/public/projects/:project/articles')
export class PublicArticlesController {
  constructor(
    private readonly reader: ReaderService,
    private readonly library: LibraryService,
  ) {}

  @Get()
  @Public()
  @Header('Cache-Control', CACHE_CONTROL)
  @ApiOkResponse({ type: PublicLibraryDto })
  @ApiErrors(400, 404)
  list(
    @Param('project') project: string,
    @Query() query: PublicLibraryQuery,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<PublicLibrary> {
    return this.library.publicList(project, query.locale, acceptLanguage, query);
  }

  @Get(':article')
  @Public()
  @Header('Cache-Control', CACHE_CONTROL)
  @ApiQuery({
    name: 'locale',
    required: false,
    description: 'Default: negotiated from Accept-Language',
  })
  @ApiOkResponse({ type: PublicArticleDto })
  @ApiErrors(404, 'PUBLICATION_WITHDRAWN')
  get(
    @Param('project') project: string,
    @Param('article') article: string,
    @Query('locale') locale?: string,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<PublicArticle> {
    return this.reader.publicArticle(project, article, locale, acceptLanguage);
  }
}
