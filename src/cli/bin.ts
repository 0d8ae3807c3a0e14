#!/usr/bin/env node
import { run } from './main.js';

// A reader that stops early (`hsframe score … | head`) closes standard output: stop quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

const code = await run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  isTerminal: process.stderr.isTTY === true,
});
process.exitCode = code;
