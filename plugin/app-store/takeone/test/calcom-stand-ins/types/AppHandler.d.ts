// Stand-in for @calcom/types/AppHandler: the declarative install handler (templates/*/api/add.ts).
export type AppDeclarativeHandler = {
  appType: string;
  slug: string;
  variant: string;
  supportsMultipleInstalls: boolean;
  handlerType: "add";
  redirect?: { newTab?: boolean; url: string };
  createCredential: (arg: {
    user: { id: number };
    appType: string;
    slug: string;
    teamId?: number;
  }) => Promise<unknown>;
};
