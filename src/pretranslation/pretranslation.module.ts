import { Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { GlossaryModule } from '../glossary/glossary.module';
import { EventHandlerRegistry } from '../jobs/event-handlers';
import { MachineTranslationModule } from '../machine-translation/machine-translation.module';
import { MemoryModule } from '../memory/memory.module';
import { ProjectsModule } from '../projects/projects.module';
import { PretranslationController } from './pretranslation.controller';
import { PretranslationService } from './pretranslation.service';

/** Fills a new source version's untranslated segments from the memory (exact and context). */
export const PREFILL_HANDLER = 'pretranslation.prefill-new-version';

interface VersionPayload {
  articleId: string;
}

/**
 * Pre-translation from the memory and machine translation. Uses memory, machine translation,
 * glossary (checks) and translations (the draft write) through their exported services.
 */
@Module({
  imports: [ProjectsModule, MemoryModule, MachineTranslationModule, GlossaryModule],
  controllers: [PretranslationController],
  providers: [PretranslationService],
})
export class PretranslationModule implements OnModuleInit, OnModuleDestroy {
  constructor(
    private readonly registry: EventHandlerRegistry,
    private readonly pretranslation: PretranslationService,
  ) {}

  onModuleInit(): void {
    // After the commit of the new version, in the background: a source upload never waits.
    this.registry.register({
      name: PREFILL_HANDLER,
      types: ['article.created', 'article.source_changed'],
      handle: async (event, manager) => {
        const p = event.payload as unknown as VersionPayload;
        await this.pretranslation.prefillNewVersion(manager, p.articleId);
      },
    });
  }

  onModuleDestroy(): void {
    this.registry.unregister(PREFILL_HANDLER);
  }
}
