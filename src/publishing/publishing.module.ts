import { Inject, Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { EventHandlerRegistry } from '../jobs/event-handlers';
import { PeriodicTasks } from '../jobs/periodic-tasks';
import { PublicationsController } from './publications.controller';
import { PublishingService } from './publishing.service';

interface LocalePayload {
  articleId: string;
  locale: string;
  requestedBy?: string;
}

interface VersionPayload {
  articleId: string;
  version: number;
  locales?: string[];
}

export const PUBLISHING_HANDLERS = {
  approved: 'publishing.locale-approved',
  requested: 'publishing.requested',
  fallback: 'publishing.fallback-on-change',
} as const;

/** The periodic repair: publishes approved content that no event got published. */
export const RECONCILE_TASK = 'publishing.reconcile-approved';

/**
 * Publications. Publishing runs inside outbox event handlers (each in the transaction that
 * records the event as processed): `locale.approved` (a locale complete again, after any
 * approval, corrections included) and `publish.requested` (POST .../publish) publish the
 * locale's current approved content; a new source version publishes fallbacks. The content
 * hash makes a repeated or duplicated event harmless. (The source locale of a version is
 * published by the articles module in the transaction that creates the version.) A periodic
 * reconciliation publishes whatever approved content a lost or failed event left unpublished.
 */
@Module({
  controllers: [PublicationsController],
  providers: [PublishingService],
  exports: [PublishingService],
})
export class PublishingModule implements OnModuleInit, OnModuleDestroy {
  constructor(
    private readonly registry: EventHandlerRegistry,
    private readonly periodic: PeriodicTasks,
    private readonly publishing: PublishingService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.periodic.register({
      name: RECONCILE_TASK,
      everyMs: this.config.reconcileEveryMs,
      run: async () => {
        await this.publishing.reconcileApprovedLocales();
      },
    });
    this.registry.register({
      name: PUBLISHING_HANDLERS.approved,
      types: ['locale.approved'],
      handle: async (event, manager) => {
        const p = event.payload as unknown as LocalePayload;
        await this.publishing.publishIn(manager, {
          articleId: p.articleId,
          locale: p.locale,
          cause: 'approval',
        });
      },
    });
    this.registry.register({
      name: PUBLISHING_HANDLERS.requested,
      types: ['publish.requested'],
      handle: async (event, manager) => {
        const p = event.payload as unknown as LocalePayload;
        await this.publishing.publishIn(manager, {
          articleId: p.articleId,
          locale: p.locale,
          cause: 'request',
          requestedBy: p.requestedBy ?? null,
        });
      },
    });
    this.registry.register({
      name: PUBLISHING_HANDLERS.fallback,
      types: ['article.source_changed'],
      handle: async (event, manager) => {
        const p = event.payload as unknown as VersionPayload;
        await this.publishing.publishFallbacks(manager, p.articleId, p.version, p.locales ?? []);
      },
    });
  }

  onModuleDestroy(): void {
    for (const name of Object.values(PUBLISHING_HANDLERS)) this.registry.unregister(name);
    this.periodic.unregister(RECONCILE_TASK);
  }
}
