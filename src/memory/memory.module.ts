import { Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { EventHandlerRegistry } from '../jobs/event-handlers';
import { MemoryController } from './memory.controller';
import { MemoryService } from './memory.service';
import { TmxService } from './tmx.service';

/** Demotes the memory entries of a locale a person withdrew. */
export const DEMOTE_WITHDRAWN_HANDLER = 'memory.demote-withdrawn';

interface WithdrawnPayload {
  articleId: string;
  locale: string;
  /** `request`: a person withdrew it; other causes (a policy, a removed locale) say nothing
   *  about the translation's quality. */
  cause: string;
}

/**
 * The translation memory. Depends on nothing but the database (and the outbox's event
 * registry): translations (approvals) and glossary (suggestions) import it, never the other
 * way round.
 */
@Module({
  controllers: [MemoryController],
  providers: [MemoryService, TmxService],
  exports: [MemoryService, TmxService],
})
export class MemoryModule implements OnModuleInit, OnModuleDestroy {
  constructor(
    private readonly registry: EventHandlerRegistry,
    private readonly memory: MemoryService,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      name: DEMOTE_WITHDRAWN_HANDLER,
      types: ['publication.withdrawn'],
      handle: async (event, manager) => {
        const p = event.payload as unknown as WithdrawnPayload;
        if (p.cause !== 'request') return;
        await this.memory.demoteLocale(manager, p.articleId, p.locale);
      },
    });
  }

  onModuleDestroy(): void {
    this.registry.unregister(DEMOTE_WITHDRAWN_HANDLER);
  }
}
