// @takeone/calcom-bridge: the library surface. The service (bridge/src/main.ts) is built on it.
export * from "./contract.ts";
export { type RunningService, type StartServiceOptions, startService } from "./service/start-service.ts";
