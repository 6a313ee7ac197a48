import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { createLogger, NestPinoLogger } from './logging';
import { configOrExit, exitCleanlyOnSignals, preflight } from './startup';

/** Worker entry point: the outbox relay and the queue processors, no HTTP. */
async function main(): Promise<void> {
  const config = configOrExit();
  await preflight(config, { migrate: true });
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot(config, { api: false, worker: true }),
    {
      bufferLogs: true,
    },
  );
  app.useLogger(new NestPinoLogger(createLogger(config.logLevel)));
  exitCleanlyOnSignals(() => app.close());
  await app.init();
  process.stderr.write('tms: worker running\n');
}

void main();
