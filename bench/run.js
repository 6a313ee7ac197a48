#!/usr/bin/env node
// `npm run bench -- <name> [args]` runs the compiled benchmark dist/bench/<name>.bench.js.
const fs = require('node:fs');
const path = require('node:path');

const [name, ...args] = process.argv.slice(2);
const dir = path.join(__dirname, '..', 'dist', 'bench');
const available = fs.existsSync(dir)
  ? fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.bench.js'))
      .map((f) => f.replace('.bench.js', ''))
  : [];
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <${available.join('|')}>`);
  process.exit(2);
}
process.argv = [process.argv[0], name, ...args];
require(path.join(dir, `${name}.bench.js`));
