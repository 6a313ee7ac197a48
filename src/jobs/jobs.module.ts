import { BullModule } from '@nestjs/bullmq';
import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import type { QueueOptions } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../config/config';
import { EventHandlerRegistry } from './event-handlers';
import { OutboxService } from './outbox.service';
import { QUEUES } from './queues';
import { redisProvider, REDIS } from './redis.provider';

/** Queues, the outbox writer and the event-handler registry, shared by the API and the worker. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): QueueOptions => ({
        connection: { url: config.redisUrl, maxRetriesPerRequest: null },
        prefix: config.queuePrefix,
      }),
    }),
    BullModule.registerQueue(...Object.values(QUEUES).map((name) => ({ name }))),
  ],
  providers: [redisProvider, OutboxService, EventHandlerRegistry],
  exports: [REDIS, OutboxService, EventHandlerRegistry, BullModule],
})
export class JobsModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
