import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { InterchangeController } from './interchange.controller';
import { InterchangeService } from './interchange.service';

/** File exchange with translation tools (XLIFF, PO, i18next): export per article and project. */
@Module({
  imports: [ArticlesModule],
  controllers: [InterchangeController],
  providers: [InterchangeService],
  exports: [InterchangeService],
})
export class InterchangeModule {}
