#!/usr/bin/env node
// pretest: the tests need PostgreSQL, Redis, redis-server and Chromium. Installs Chromium and
// redis-server from Debian when running as root; otherwise fails in one line naming what is
// missing. Tests never skip.
const { execSync } = require('node:child_process');
const net = require('node:net');

function has(command) {
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

async function main() {
  const missing = [];
  if (!has('chromium')) {
    if (process.getuid && process.getuid() === 0) {
      process.stderr.write('pretest: installing chromium from Debian for the browser test...\n');
      execSync(
        'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium',
        {
          stdio: 'ignore',
          shell: '/bin/bash',
        },
      );
    }
    if (!has('chromium')) missing.push('chromium (apt-get install chromium)');
  }
  // The fault tests start private redis-server processes on free ports (test/support/redis-server.ts).
  if (!has('redis-server')) {
    if (process.getuid && process.getuid() === 0) {
      process.stderr.write('pretest: installing redis-server from Debian for the fault tests...\n');
      execSync(
        'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server',
        { stdio: 'ignore', shell: '/bin/bash' },
      );
    }
    if (!has('redis-server')) missing.push('redis-server (apt-get install redis-server)');
  }
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
