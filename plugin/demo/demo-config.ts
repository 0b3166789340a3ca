// What the demo server tells the demo page (GET /demo-config.json): where Cal.com and the bridge
// are, and the seeded people with their dev tokens. Served by the plugin's fake-bridge demo server
// (plugin/test/start-demo-server.ts) and by the real bridge outside production
// (bridge/src/demo-app/demo-app-routes.ts, tokens minted with the bridge's secret).
export interface DemoUser {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: "caster" | "talent";
  readonly locale: "en" | "ar";
  readonly timeZone: string;
  readonly token: string;
}

export interface DemoApplication {
  readonly id: string;
  readonly castingCallTitle: string;
  readonly talent: { readonly name: string; readonly email: string };
  /** the caster whose casting call it is; unset = every caster sees it */
  readonly casterUserId?: string;
}

export interface DemoConfig {
  readonly calOrigin: string;
  readonly calLink: string;
  /** "" = same origin as the demo */
  readonly bridgeUrl: string;
  readonly loadTimeoutMs?: number;
  readonly users: readonly DemoUser[];
  readonly applications: readonly DemoApplication[];
}
