#!/usr/bin/env node
// `npm run migration:generate -- AddGlossaryNotes`: writes migrations/<timestamp>-AddGlossaryNotes.ts
// from the difference between the entities and the database at DATABASE_URL, then reminds you to
// list it in migrations/index.ts (migrations are imported explicitly, not found by a glob).
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const name = process.argv[2];
if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
  console.error(
    'usage: npm run migration:generate -- <Name> (letters and digits, e.g. AddGlossaryNotes)',
  );
  process.exit(2);
}
const root = path.resolve(__dirname, '..');
const result = spawnSync(
  'npx',
  [
    'typeorm',
    'migration:generate',
    '--pretty',
    '-d',
    'dist/src/database/data-source.js',
    path.join('migrations', name),
  ],
  { cwd: root, stdio: 'inherit' },
);
if (result.status === 0) {
  console.error(
    `Now add the new class to migrations/index.ts, review the SQL, and run npm run migration:run.`,
  );
}
process.exit(result.status ?? 1);
