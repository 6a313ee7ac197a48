import { Global, Module } from '@nestjs/common';
import { GlossaryModule } from '../glossary/glossary.module';
import { MemoryModule } from '../memory/memory.module';
import { PROGRESS_READER } from '../projects/progress-reader';
import { ProjectsModule } from '../projects/projects.module';
import { LocaleReviewController } from './locale-review.controller';
import { ProgressService } from './progress.service';
import { SegmentsController } from './segments.controller';
import { SyncService } from './sync.service';
import { TranslationsService } from './translations.service';

/**
 * Translations per locale: segments API, sync on source change, progress. Global so that
 * ProjectsService finds the PROGRESS_READER it optionally injects (the dependency stays one-way:
 * projects never imports this module).
 */
@Global()
@Module({
  imports: [ProjectsModule, GlossaryModule, MemoryModule],
  controllers: [SegmentsController, LocaleReviewController],
  providers: [
    TranslationsService,
    SyncService,
    ProgressService,
    { provide: PROGRESS_READER, useExisting: ProgressService },
  ],
  exports: [TranslationsService, SyncService, ProgressService, PROGRESS_READER],
})
export class TranslationsModule {}
