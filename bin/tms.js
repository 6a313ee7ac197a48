#!/usr/bin/env node
// The `tms` command. Builds dist/ first when needed, so `npx tms --help` works right after `npm ci`.
const fs = require('node:fs');
const path = require('node:path');

const cli = path.join(__dirname, '..', 'dist', 'src', 'cli.js');
if (!fs.existsSync(cli)) require('../scripts/ensure-build.js');
require(cli)
  .run(process.argv)
  .then((code) => process.exit(code));
