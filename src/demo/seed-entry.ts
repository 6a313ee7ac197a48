import type { INestApplicationContext } from '@nestjs/common';
import { DemoSeeder, SeedResult } from './demo-seeder';

/** Seeds the demo on an empty database and prints the accounts (once) and the demo URLs. */
export async function seedDemo(
  app: Pick<INestApplicationContext, 'get'>,
  print: (line: string) => void,
): Promise<SeedResult> {
  const result = await app.get(DemoSeeder).seedIfEmpty();
  if (!result.seeded) {
    print('Demo: the database already has projects; nothing seeded.');
    return result;
  }
  print('');
  print('  Demo project "health-library" seeded. Accounts (passwords shown once):');
  for (const user of result.users) {
    const role = user.locale ? `${user.role} (${user.locale})` : user.role;
    print(`    ${role.padEnd(22)} ${user.email.padEnd(42)} ${user.password}`);
  }
  print('  Read the demo: the library, then each article:');
  print(`    ${result.libraryUrl}`);
  for (const url of result.urls) print(`    ${url}`);
  print('');
  return result;
}
