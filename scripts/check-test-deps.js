#!/usr/bin/env node
// pretest: the tests need PostgreSQL, Redis and some Debian programs (Chromium for the browser
// tests, redis-server for the fault tests, translate-toolkit, gettext and xmllint to verify the
// files we exchange with CAT tools). Installs the missing programs from Debian when running as
// root; otherwise fails in one line naming what is missing. Tests never skip.
const { execSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');

/** What the tests run, and the Debian package that provides it. */
const PROGRAMS = [
  { check: 'chromium', pkg: 'chromium', why: 'the browser tests' },
  { check: 'redis-server', pkg: 'redis-server', why: 'the fault tests' },
  // translate-toolkit installs into Debian's python3, not whichever python3 is first on PATH.
  { check: '/usr/bin/po2tmx', pkg: 'translate-toolkit', why: 'TMX, XLIFF and PO checks' },
  { check: 'msgfmt', pkg: 'gettext', why: 'PO checks' },
  { check: 'xmllint', pkg: 'libxml2-utils', why: 'XLIFF schema checks' },
];

function has(command) {
  if (command.startsWith('/')) return fs.existsSync(command);
  try {
    execSync(`command -v ${command}`, { stdio: 'ignore', shell: '/bin/bash' });
    return true;
  } catch {
    return false;
  }
}

function reachable(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function install(packages) {
  process.stderr.write(`pretest: installing ${packages.join(', ')} from Debian...\n`);
  try {
    execSync(
      `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages.join(' ')}`,
      { stdio: 'ignore', shell: '/bin/bash' },
    );
  } catch {
    // Reported below as missing.
  }
}

async function main() {
  const absent = PROGRAMS.filter((p) => !has(p.check));
  if (absent.length > 0 && process.getuid && process.getuid() === 0) {
    install(absent.map((p) => p.pkg));
  }
  const missing = PROGRAMS.filter((p) => !has(p.check)).map(
    (p) => `${p.check} for ${p.why} (apt-get install ${p.pkg})`,
  );
  if (!process.env.TEST_DATABASE_URL && !(await reachable(5432))) {
    missing.push('PostgreSQL on 127.0.0.1:5432 (docker compose up -d postgres)');
  }
  if (!(await reachable(6379)))
    missing.push('Redis on 127.0.0.1:6379 (docker compose up -d redis)');
  if (missing.length > 0) {
    process.stderr.write(`pretest: missing ${missing.join('; ')}\n`);
    process.exit(1);
  }
}

void main();
