#!/usr/bin/env node
// The `stii` command: a thin launcher for the compiled CLI (built by `npm ci` through the prepare script).
require("../dist/cli/main.js").main(process.argv.slice(2));
