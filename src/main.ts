import 'reflect-metadata';
import { AuthService } from './auth/auth.service';
import { seedDemo } from './demo/seed-entry';
import { createHttpApp } from './http-app';
import {
  announceMode,
  configOrExit,
  exitCleanlyOnSignals,
  preflight,
  provideDatabase,
} from './startup';

/**
 * API entry point. `npm start` passes --with-worker to also run the queue processors in this
 * process; `npm run start:api` and `npm run start:worker` run them apart.
 */
async function main(): Promise<void> {
  const database = await provideDatabase(configOrExit());
  const { config, embedded } = database;
  const withWorker = process.argv.includes('--with-worker');
  await preflight(config, { migrate: true });
  announceMode(database);
  if (config.jwtSecretGenerated) {
    process.stderr.write(
      'tms: warning: JWT_SECRET is not set; using a random secret (tokens end when the process restarts, and replicas will not share them)\n',
    );
  }
  const app = await createHttpApp(config, { api: true, worker: withWorker });
  exitCleanlyOnSignals(async () => {
    await app.close();
    await embedded?.stop();
  });

  const admin = await app.get(AuthService).ensureAdmin();
  if (admin.generatedPassword) {
    process.stdout.write(
      `\n  Admin account created: ${admin.email}\n  Password (shown once): ${admin.generatedPassword}\n\n`,
    );
  }
  if (config.seedDemo) await seedDemo(app, (line) => process.stdout.write(line + '\n'));
  await app.listen(config.port, config.host);
  process.stderr.write(
    `tms: listening on ${config.publicUrl} (api${withWorker ? ' + worker' : ''}); docs at ${config.publicUrl}/api/docs\n`,
  );
}

void main();
