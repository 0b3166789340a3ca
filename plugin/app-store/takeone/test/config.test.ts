import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import addHandler from "../api/add";
import config from "../config.json";
import { appDataSchema, appKeysSchema } from "../zod";

const appDir = new URL("../", import.meta.url);

/**
 * The fields Cal.com's AppMetaSchema (packages/types/AppMetaSchema.ts @1def2173) requires, and the
 * optional ones this app sets, transcribed: an invalid config.json stops `yarn app-store:build`
 * ("Config error in …", calcom-app-store-facts).
 */
const appMetaRequired = z.object({
  name: z.string(),
  description: z.string(),
  type: z.string(),
  variant: z.enum([
    "calendar",
    "payment",
    "conferencing",
    "video",
    "other",
    "other_calendar",
    "automation",
    "crm",
    "analytics",
    "messaging",
  ]),
  slug: z.string(),
  categories: z.array(z.string()),
  logo: z.string(),
  publisher: z.string(),
  email: z.string(),
  extendsFeature: z.enum(["EventType", "User"]).optional(),
  isTemplate: z.boolean().optional(),
  url: z.string().optional(),
});

describe("config.json", () => {
  it("has every field Cal.com's AppMetaSchema requires, with valid values", () => {
    expect(appMetaRequired.safeParse(config).error?.issues ?? []).toEqual([]);
  });

  it("is the takeone CRM app on event types, as the issue fixes it", () => {
    expect(config).toMatchObject({
      slug: "takeone",
      type: "takeone_crm",
      variant: "crm",
      categories: ["crm"],
      extendsFeature: "EventType",
    });
  });

  it("follows Cal.com's naming rules: type is <slug>_<category>, no _ in the slug (getCrm splits on it)", () => {
    expect(config.slug).not.toContain("_");
    expect(config.type.split("_")[0]).toBe(config.slug);
    expect(config.type).toBe(`${config.slug}_${config.categories[0]}`);
    const pkg = JSON.parse(readFileSync(new URL("package.json", appDir), "utf8")) as { name: string };
    expect(pkg.name).toBe(`@calcom/${config.slug}`);
  });

  it("names a logo that exists in static/ and an e-mail that looks like one", () => {
    expect(existsSync(new URL(`static/${config.logo}`, appDir))).toBe(true);
    expect(config.email).toMatch(/^[^@\s]+@[^@\s]+\.[^@\s]+$/);
  });

  it("installs declaratively as the same app type (api/add.ts)", async () => {
    expect(addHandler).toMatchObject({
      appType: "takeone_crm",
      slug: "takeone",
      variant: "crm",
      handlerType: "add",
    });
    // getCrm returns null for a falsy credential key: the installation's key must be truthy.
    const credential = (await addHandler.createCredential({
      user: { id: 7 },
      appType: config.type,
      slug: config.slug,
    })) as { key: unknown; type: string };
    expect(credential.key).toBeTruthy();
    expect(credential.type).toBe("takeone_crm");
  });
});

describe("zod.ts", () => {
  it("takes the bridge URL and a whsec_ signing secret as the app's keys", () => {
    const keys = { bridgeUrl: "https://bridge.takeone.example", signingSecret: `whsec_${"A".repeat(32)}` };
    expect(appKeysSchema.parse(keys)).toEqual(keys);
    expect(appKeysSchema.safeParse({ ...keys, bridgeUrl: "not a url" }).success).toBe(false);
    expect(
      appKeysSchema.safeParse({ ...keys, signingSecret: "plain-secret-without-prefix-0123456" }).success,
    ).toBe(false);
    expect(appKeysSchema.safeParse({ bridgeUrl: keys.bridgeUrl }).success).toBe(false);
  });

  it("keeps the event-type toggle and the application-id field name, and refuses a field name with spaces", () => {
    expect(appDataSchema.parse({ enabled: true, credentialId: 3, applicationIdField: "castingApp" })).toEqual(
      {
        enabled: true,
        credentialId: 3,
        applicationIdField: "castingApp",
      },
    );
    expect(appDataSchema.parse({ enabled: false })).toEqual({ enabled: false });
    expect(appDataSchema.safeParse({ applicationIdField: "application id" }).success).toBe(false);
  });
});
