import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestService, type TestService } from "../../test/start-test-service.ts";
import { ERROR_MESSAGES_AR } from "./error-messages-ar.ts";

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(async () => {
  await service?.stop();
});

async function errorFor(acceptLanguage?: string) {
  const res = await fetch(`${service.url}/api/v1/bookings`, {
    headers: acceptLanguage ? { "accept-language": acceptLanguage } : {},
  });
  const body = (await res.json()) as { error: { code: string; message: string } };
  return { status: res.status, language: res.headers.get("content-language"), ...body.error };
}

describe("error messages follow Accept-Language", () => {
  it.each(["ar", "ar-SA", "ar-SA,ar;q=0.9,en;q=0.8", "fr-FR, ar;q=0.5"])("Arabic for %s", async (header) => {
    expect(await errorFor(header)).toEqual({
      status: 401,
      language: "ar",
      code: "UNAUTHENTICATED",
      message: ERROR_MESSAGES_AR.UNAUTHENTICATED,
    });
  });

  it.each([undefined, "en", "en-GB,en;q=0.9,ar;q=0.5", "fr"])(
    "English (the error's own message) for %s",
    async (header) => {
      const error = await errorFor(header);
      expect(error).toMatchObject({ status: 401, code: "UNAUTHENTICATED", language: null });
      expect(error.message).toMatch(/[A-Za-z]/);
      expect(error.message).not.toBe(ERROR_MESSAGES_AR.UNAUTHENTICATED);
    },
  );
});
