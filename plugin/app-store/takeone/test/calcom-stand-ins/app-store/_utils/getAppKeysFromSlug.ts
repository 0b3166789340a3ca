// Stand-in for @calcom/app-store/_utils/getAppKeysFromSlug: Cal.com reads App.keys from its database;
// here tests set the keys an admin would enter in Settings → Admin → Apps.
const keysBySlug = new Map<string, Record<string, unknown>>();

export function setAppKeysForTests(slug: string, keys: Record<string, unknown>): void {
  keysBySlug.set(slug, keys);
}

export default async function getAppKeysFromSlug(slug: string): Promise<Record<string, unknown>> {
  return keysBySlug.get(slug) ?? {};
}
