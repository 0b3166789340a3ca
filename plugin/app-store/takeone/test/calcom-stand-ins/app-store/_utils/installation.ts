// Stand-in for @calcom/app-store/_utils/installation: Cal.com inserts a Credential row.
export async function createDefaultInstallation(options: {
  appType: string;
  userId: number;
  slug: string;
  key?: unknown;
  teamId?: number;
}): Promise<{
  id: number;
  type: string;
  key: unknown;
  userId: number;
  teamId: number | null;
  appId: string;
}> {
  return {
    id: 1,
    type: options.appType,
    key: options.key ?? {},
    userId: options.userId,
    teamId: options.teamId ?? null,
    appId: options.slug,
  };
}
