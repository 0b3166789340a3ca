#!/usr/bin/env node
// `npm start`: the bridge with migrations applied, jobs running and HTTP on PORT.
import { runServe } from "./cli/serve-command.ts";

await runServe({ isJobsEnabled: true, isHttpEnabled: true });
