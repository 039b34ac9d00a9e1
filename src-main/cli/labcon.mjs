#!/usr/bin/env node
// The `labcon` entry under its former name, for scripts that call it so: the same launcher as labcon.cjs (package.json's
// bin), which starts faster when called directly (no ES module loader for `--help` and `emu`).
import './labcon.cjs'
