#!/usr/bin/env node
// Runs a compiled entry point with the libs' path aliases resolved inside dist/.
const path = require('node:path');
const { compilerOptions } = require('../tsconfig.json');

require('tsconfig-paths').register({ baseUrl: path.join(__dirname, '..', 'dist'), paths: compilerOptions.paths });
const [entry, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], entry, ...args];
require(path.join(__dirname, '..', 'dist', entry));
