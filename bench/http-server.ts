import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { AppModule } from '../src/app.module';
import { AuthService } from '../src/auth/auth.service';
import { HttpExceptionFilter } from '../src/common/http-exception.filter';
import { createValidationPipe } from '../src/common/validation';
import { loadConfig } from '../src/config/config';
import { createHttpApp } from '../src/http-app';

/**
 * A server process for `npm run bench -- http`: `app` is the real app exactly as main.ts builds
 * it; `fastify` and `express` are the same module graph on each adapter with the same filter
 * and pipes (no docs, no metrics hook) so the adapters are compared like for like.
 */
async function main(): Promise<void> {
  const variant = process.argv[2];
  const config = loadConfig();
  const role = { api: true, worker: false };
  const app =
    variant === 'app'
      ? await createHttpApp(config, role)
      : await NestFactory.create(
          AppModule.forRoot(config, role),
          variant === 'express' ? new ExpressAdapter() : new FastifyAdapter(),
          {
            logger: ['error'],
          },
        );
  if (variant !== 'app') {
    app.useGlobalFilters(new HttpExceptionFilter());
    app.useGlobalPipes(createValidationPipe());
  }
  await app.get(AuthService).ensureAdmin();
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  process.stdout.write(`READY ${address.port}\n`);
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main();
