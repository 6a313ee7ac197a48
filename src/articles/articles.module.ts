import { Module } from '@nestjs/common';
import { GlossaryModule } from '../glossary/glossary.module';
import { PretranslationModule } from '../pretranslation/pretranslation.module';
import { ProjectsModule } from '../projects/projects.module';
import { PublishingModule } from '../publishing/publishing.module';
import { TranslationsModule } from '../translations/translations.module';
import { ArticlesController } from './articles.controller';
import { ArticlesService } from './articles.service';

/**
 * Articles and source versions; depends on translations for the sync, on publishing for the
 * source-locale publication and on pre-translation for the memory's drafts, all in the
 * version's own transaction (one-way).
 */
@Module({
  imports: [
    ProjectsModule,
    TranslationsModule,
    PublishingModule,
    GlossaryModule,
    PretranslationModule,
  ],
  controllers: [ArticlesController],
  providers: [ArticlesService],
  exports: [ArticlesService],
})
export class ArticlesModule {}
