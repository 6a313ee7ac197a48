import { Controller, Get, Header, Headers, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { PublicArticle, ReaderService } from './reader.service';

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

@ApiTags('readers')
@Controller('api/public/projects/:project/articles')
export class PublicArticlesController {
  constructor(private readonly reader: ReaderService) {}

  @Get(':article')
  @Public()
  @Header('Cache-Control', 'public, max-age=60, stale-while-revalidate=600')
  @ApiQuery({
    name: 'locale',
    required: false,
    description: 'Default: negotiated from Accept-Language',
  })
  @ApiOkResponse({ type: PublicArticleDto })
  get(
    @Param('project') project: string,
    @Param('article') article: string,
    @Query('locale') locale?: string,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<PublicArticle> {
    return this.reader.publicArticle(project, article, locale, acceptLanguage);
  }
}
