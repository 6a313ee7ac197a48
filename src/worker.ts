import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { createLogger, NestPinoLogger } from './logging';
import {
  announceMode,
  configOrExit,
  exitCleanlyOnSignals,
  preflight,
  provideDatabase,
} from './startup';

/** Worker entry point: the outbox relay and the queue processors, no HTTP. */
async function main(): Promise<void> {
  const database = await provideDatabase(configOrExit());
  const { config, embedded } = database;
  await preflight(config, { migrate: true });
  announceMode(database);
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot(config, { api: false, worker: true }),
    {
      bufferLogs: true,
    },
  );
  app.useLogger(new NestPinoLogger(createLogger(config.logLevel)));
  exitCleanlyOnSignals(async () => {
    await app.close();
    await embedded?.stop();
  });
  await app.init();
  process.stderr.write('tms: worker running\n');
}

void main();
