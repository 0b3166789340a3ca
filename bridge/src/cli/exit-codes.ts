/** Exit codes of takeone-cal and the bridge, stable for scripts. */
export const EXIT = {
  OK: 0,
  /** the command ran and found a problem (e.g. `doctor` found a broken link, `sync --dry-run` found drift) */
  FAILURE: 1,
  /** wrong arguments or configuration: nothing was done */
  CONFIG: 2,
  /** a remote service (Cal.com, the database) could not be reached */
  UNAVAILABLE: 3,
} as const;
