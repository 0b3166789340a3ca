import { defineConfig } from "prisma/config";

// Prisma's env() throws when DATABASE_URL is unset, even for `prisma generate`; the bridge applies
// migrations itself (takeone-cal migrate), so the CLI only needs a URL for commands run by hand.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/takeone" },
});
