export { type ApplyCrmCallDeps, applyCrmCall } from "./apply-crm-call.ts";
export { CALCOM_APP_EVENTS_PATH, calcomAppRoutes } from "./calcom-app-routes.ts";
export { type CrmCall, crmCallSchema } from "./crm-call-schema.ts";
export { AppSignatureError, verifyAppSignature } from "./verify-app-signature.ts";
