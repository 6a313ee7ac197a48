import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { AuthModule } from '../auth/auth.module';
import { GlossaryModule } from '../glossary/glossary.module';
import { ProjectsModule } from '../projects/projects.module';
import { PublishingModule } from '../publishing/publishing.module';
import { TranslationsModule } from '../translations/translations.module';
import { DemoSeeder } from './demo-seeder';

/** The demo seeder (`npm start` on an empty database, `tms seed`). */
@Module({
  imports: [
    AuthModule,
    ProjectsModule,
    ArticlesModule,
    TranslationsModule,
    PublishingModule,
    GlossaryModule,
  ],
  providers: [DemoSeeder],
  exports: [DemoSeeder],
})
export class DemoModule {}
