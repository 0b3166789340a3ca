import { createDefaultInstallation } from "@calcom/app-store/_utils/installation";
import type { AppDeclarativeHandler } from "@calcom/types/AppHandler";

import appConfig from "../config.json";

/**
 * Installing needs no setup page (those need a core edit, calcom-app-store-facts): the bridge URL
 * and secret are instance-wide keys an admin enters once. The credential's key is a non-empty
 * object because getCrm returns null for a falsy key.
 */
const handler: AppDeclarativeHandler = {
  appType: appConfig.type,
  variant: appConfig.variant,
  slug: appConfig.slug,
  supportsMultipleInstalls: false,
  handlerType: "add",
  createCredential: ({ appType, user, slug, teamId }) =>
    createDefaultInstallation({ appType, userId: user.id, slug, key: { installed: true }, teamId }),
};

export default handler;
