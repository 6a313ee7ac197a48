#!/usr/bin/env node
// Builds dist/ when it is missing or older than any source file, so `npm start` and the CLI work right after `npm ci`.
const { execSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const marker = path.join(root, 'dist', 'src', 'main.js');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

const built = fs.existsSync(marker) ? fs.statSync(marker).mtimeMs : 0;
const sources = Math.max(
  ...['src', 'migrations', 'bench'].map((d) => {
    const full = path.join(root, d);
    return fs.existsSync(full) ? newestMtime(full) : 0;
  }),
);
if (built === 0 || sources > built) {
  process.stderr.write('Building (dist/ is missing or older than the sources)...\n');
  execSync('npx nest build', { cwd: root, stdio: 'inherit' });
  fs.utimesSync(marker, new Date(), new Date());
}
