import { Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { EventHandlerRegistry } from '../jobs/event-handlers';
import { PublicationsController } from './publications.controller';
import { PublishingService } from './publishing.service';

interface ApprovedPayload {
  articleId: string;
  locale: string;
  version: number;
}

interface VersionPayload {
  articleId: string;
  version: number;
  locales?: string[];
}

const HANDLERS = ['publishing.locale-approved', 'publishing.fallback-on-change'];

/**
 * Publications and the `publish` job. The processor (publish.processor.ts) runs only in the
 * worker; the event handlers feed it: `locale.approved` enqueues a complete publication, and a
 * new source version enqueues fallback publications. (The source locale of a version is
 * published by the articles module in the transaction that creates the version.)
 */
@Module({
  controllers: [PublicationsController],
  providers: [PublishingService],
  exports: [PublishingService],
})
export class PublishingModule implements OnModuleInit, OnModuleDestroy {
  constructor(
    private readonly registry: EventHandlerRegistry,
    private readonly publishing: PublishingService,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      name: HANDLERS[0],
      types: ['locale.approved'],
      handle: async (event) => {
        const p = event.payload as unknown as ApprovedPayload;
        await this.publishing.enqueue({
          articleId: p.articleId,
          locale: p.locale,
          version: p.version,
          kind: 'complete',
        });
      },
    });
    this.registry.register({
      name: HANDLERS[1],
      types: ['article.source_changed'],
      handle: async (event, manager) => {
        const p = event.payload as unknown as VersionPayload;
        await this.publishing.publishFallbacks(manager, p.articleId, p.version, p.locales ?? []);
      },
    });
  }

  onModuleDestroy(): void {
    for (const name of HANDLERS) this.registry.unregister(name);
  }
}
