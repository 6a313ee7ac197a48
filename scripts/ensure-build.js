#!/usr/bin/env node
// Builds dist/ when it is missing or older than any source file, so `npm start` and the CLI work
// right after `npm ci`: the server (nest build into dist/src) and the web app (web/, a package of
// its own, built by Vite into dist/web). `--server-only` skips the web app (the CLI needs none).
const { execSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const serverMarker = path.join(root, 'dist', 'src', 'main.js');
const webMarker = path.join(root, 'dist', 'web', 'index.html');
const webDir = path.join(root, 'web');

function newestMtime(dir, test) {
  let newest = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full, test));
    else if (test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function builtAt(marker) {
  return fs.existsSync(marker) ? fs.statSync(marker).mtimeMs : 0;
}

const isTs = (name) => name.endsWith('.ts');
const serverSources = Math.max(
  ...['src', 'migrations', 'bench'].map((d) => newestMtime(path.join(root, d), isTs)),
);
let serverRebuilt = false;
if (builtAt(serverMarker) === 0 || serverSources > builtAt(serverMarker)) {
  process.stderr.write('Building the server (dist/src is missing or older than the sources)...\n');
  // nest build empties dist/, the web app's build included.
  execSync('npx nest build', { cwd: root, stdio: 'inherit' });
  fs.utimesSync(serverMarker, new Date(), new Date());
  serverRebuilt = true;
}

if (process.argv.includes('--server-only')) process.exit(0);

const webSources = Math.max(
  newestMtime(webDir, (name) => /\.(tsx?|css|html|json)$/.test(name)),
  newestMtime(path.join(root, 'locales'), (name) => name === 'app.json'),
);
if (serverRebuilt || builtAt(webMarker) === 0 || webSources > builtAt(webMarker)) {
  if (!fs.existsSync(path.join(webDir, 'node_modules', '.package-lock.json'))) {
    process.stderr.write('Installing the web app dependencies (web/)...\n');
    execSync('npm ci --no-audit --no-fund', { cwd: webDir, stdio: 'inherit' });
  }
  process.stderr.write('Building the web app (dist/web is missing or older than web/)...\n');
  execSync('npm run build', { cwd: webDir, stdio: 'inherit' });
  fs.utimesSync(webMarker, new Date(), new Date());
}
