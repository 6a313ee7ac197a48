import { DynamicModule, Module, Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ArticlesModule } from './articles/articles.module';
import { AuthModule } from './auth/auth.module';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source';
import { DemoModule } from './demo/demo.module';
import { GlossaryModule } from './glossary/glossary.module';
import { MachineTranslationModule } from './machine-translation/machine-translation.module';
import { HealthModule } from './health/health.module';
import { InterchangeModule } from './interchange/interchange.module';
import { InterchangeImportModule } from './interchange/import/interchange-import.module';
import { JobsModule } from './jobs/jobs.module';
import { LanguagesModule } from './languages/languages.module';
import { MemoryModule } from './memory/memory.module';
import { PretranslationModule } from './pretranslation/pretranslation.module';
import { ProjectsModule } from './projects/projects.module';
import { PublishingModule } from './publishing/publishing.module';
import { ReaderModule } from './reader/reader.module';
import { TasksModule } from './tasks/tasks.module';
import { TranslationsModule } from './translations/translations.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { WorkerModule } from './worker.module';

export interface ProcessRole {
  api: boolean;
  worker: boolean;
}

/** Feature modules, the same in every process. */
const FEATURES: Type[] = [
  AuthModule,
  LanguagesModule,
  ProjectsModule,
  HealthModule,
  PublishingModule,
  ReaderModule,
  DemoModule,
  TranslationsModule,
  ArticlesModule,
  TasksModule,
  WebhooksModule,
  GlossaryModule,
  MachineTranslationModule,
  MemoryModule,
  PretranslationModule,
  InterchangeModule,
  InterchangeImportModule,
];

/**
 * One module graph for both entry points: the API process mounts the controllers, the worker
 * process adds the queue processors and the outbox relay (and `npm start` runs both).
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, role: ProcessRole): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot({ ...dataSourceOptions(config.databaseUrl) }),
        JobsModule.forRoot(config),
        ...FEATURES,
        ...(role.worker ? [WorkerModule.forRoot(config)] : []),
      ],
    };
  }
}
