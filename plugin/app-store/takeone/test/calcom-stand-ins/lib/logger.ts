// Stand-in for @calcom/lib/logger (a tslog logger in Cal.com): collects what the app logs, for tests.
type Line = { level: "info" | "warn" | "error"; prefix: string[]; args: unknown[] };
export const loggedLines: Line[] = [];

function subLogger(prefix: string[]) {
  return {
    info: (...args: unknown[]) => loggedLines.push({ level: "info", prefix, args }),
    warn: (...args: unknown[]) => loggedLines.push({ level: "warn", prefix, args }),
    error: (...args: unknown[]) => loggedLines.push({ level: "error", prefix, args }),
  };
}

const logger = { getSubLogger: ({ prefix }: { prefix: string[] }) => subLogger(prefix) };
export default logger;
