export {
  ATOMS_REFRESH_PATH,
  ATOMS_TOKEN_PATH,
  atomsRoutes,
  CALCOM_OAUTH_CALLBACK_PATH,
  CALCOM_OAUTH_START_PATH,
} from "./atoms-routes.ts";
export { type CalcomOAuthConfig, readOAuthConfig } from "./read-oauth-config.ts";
