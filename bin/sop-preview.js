#!/usr/bin/env node
// Entry point of the `sop-preview` command; the CLI itself lives in src/cli (built to dist/cli).
import '../dist/cli/main.js';
