#!/usr/bin/env node
// Entry point of the `sop-preview` command: the CLI bundle (scripts/bundle-cli.mjs), which loads
// each command's code only when that command runs.
import '../dist/bundle/sop-preview.mjs';
