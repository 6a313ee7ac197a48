import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { TranslationsModule } from '../translations/translations.module';
import { ArticlesController } from './articles.controller';
import { ArticlesService } from './articles.service';

/** Articles and source versions; depends on translations for the sync (one-way). */
@Module({
  imports: [ProjectsModule, TranslationsModule],
  controllers: [ArticlesController],
  providers: [ArticlesService],
  exports: [ArticlesService],
})
export class ArticlesModule {}
