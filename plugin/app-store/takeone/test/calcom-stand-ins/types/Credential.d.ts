// Stand-in for @calcom/types/Credential: the credential row getCrm passes to a CRM service.
export type CredentialPayload = {
  id: number;
  type: string;
  key: unknown;
  userId: number | null;
  teamId: number | null;
  appId: string | null;
  invalid: boolean | null;
  user?: { email: string } | null;
};
