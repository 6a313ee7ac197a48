import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { LOCALE_CATALOG, LocaleInfo } from './language-catalog';
import { LocaleDto } from './locale.dto';

@ApiTags('locales')
@Controller('api/locales')
export class LanguagesController {
  @Get()
  @Public()
  @ApiOkResponse({ type: [LocaleDto] })
  list(): readonly LocaleInfo[] {
    return LOCALE_CATALOG;
  }
}
