import { defineConfig } from "prisma/config";

// Prisma 7 reads no .env file and the app connects through driver adapters, so the
// datasource URL is only given to the CLI when one is set (the offline scripts do not need it).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  ...(process.env.DATABASE_URL ? { datasource: { url: process.env.DATABASE_URL } } : {}),
});
