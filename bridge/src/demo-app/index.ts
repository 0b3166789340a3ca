export { DEFAULT_DEMO_APP_DIR, demoAppRoutes } from "./demo-app-routes.ts";
