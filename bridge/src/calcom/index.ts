export * from "./api/index.ts";
export {
  exitOnCalcomError,
  loadCliConfig,
  registerCalcomCommands,
  requireClient,
} from "./calcom-commands.ts";
export { type CheckStatus, type DoctorCheck, type DoctorOptions, runDoctor } from "./doctor/run-doctor.ts";
export { BRIDGE_TRIGGERS } from "./setup/plan-webhook-subscription.ts";
export {
  runCalcomSetup,
  type SetupOptions,
  type SetupReport,
  type SetupStep,
} from "./setup/run-calcom-setup.ts";
