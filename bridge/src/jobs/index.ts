export { QUEUES, type RunningJobs, startJobs } from "./start-jobs.ts";
