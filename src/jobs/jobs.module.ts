import { BullModule, getQueueToken } from '@nestjs/bullmq';
import {
  DynamicModule,
  Global,
  Inject,
  Module,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue, QueueOptions } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../config/config';
import { BullmqTransport } from './bullmq-transport';
import { EventHandlerRegistry } from './event-handlers';
import { EventRunner } from './event-runner';
import { JOB_TRANSPORT, JobTransport } from './job-transport';
import { JobsMaintenance } from './jobs-maintenance';
import { OutboxService } from './outbox.service';
import { OutboxTransport } from './outbox-transport';
import { PeriodicTasks } from './periodic-tasks';
import { QUEUES } from './queues';
import { redisProvider, REDIS, RedisClient } from './redis.provider';
import { AdminJobsController } from './admin-jobs.controller';
import { AdminJobsService } from './admin-jobs.service';

/**
 * Queues, the outbox writer, the event-handler registry, the job transport and the periodic
 * task registry, shared by the API and the worker. With `jobTransport: outbox` BullMQ is not
 * loaded at all, so nothing connects to Redis.
 */
@Global()
@Module({})
export class JobsModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(JOB_TRANSPORT) private readonly transport: JobTransport,
    private readonly moduleRef: ModuleRef,
  ) {}

  /**
   * The registered queues (their options make the processors' workers) would print every
   * connection error while Redis is down: /health, /metrics and the relay report it instead.
   */
  onModuleInit(): void {
    if (this.transport.kind !== 'bullmq') return;
    for (const name of Object.values(QUEUES)) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      queue.on('error', () => undefined);
    }
  }

  static forRoot(config: AppConfig): DynamicModule {
    const bullmq = config.jobTransport === 'bullmq';
    const bull = bullmq
      ? [
          BullModule.forRootAsync({
            inject: [APP_CONFIG],
            useFactory: (c: AppConfig): QueueOptions => ({
              connection: { url: c.redisUrl, maxRetriesPerRequest: null },
              prefix: c.queuePrefix,
            }),
          }),
          BullModule.registerQueue(...Object.values(QUEUES).map((name) => ({ name }))),
        ]
      : [];
    return {
      module: JobsModule,
      imports: bull,
      controllers: [AdminJobsController],
      providers: [
        redisProvider,
        OutboxService,
        EventHandlerRegistry,
        EventRunner,
        PeriodicTasks,
        JobsMaintenance,
        AdminJobsService,
        {
          provide: JOB_TRANSPORT,
          inject: [APP_CONFIG, REDIS, EventRunner],
          useFactory: (c: AppConfig, redis: RedisClient, runner: EventRunner): JobTransport =>
            redis ? new BullmqTransport(c, redis) : new OutboxTransport(runner),
        },
      ],
      exports: [
        REDIS,
        OutboxService,
        EventHandlerRegistry,
        EventRunner,
        PeriodicTasks,
        JobsMaintenance,
        JOB_TRANSPORT,
        ...(bullmq ? [BullModule] : []),
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.transport.close();
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }
}
