#!/usr/bin/env node
// The `takeone-cal` command. A checked-in launcher for the built CLI: npm links a package's bin at
// install time, before the postinstall build has written dist/, and skips targets that are missing.
import "../dist/cli/main.js";
