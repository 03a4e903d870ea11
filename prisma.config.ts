import { defineConfig } from 'prisma/config';

// Prisma's CLI is used only for `prisma generate` here. Migrations are applied by src/db/migrate.ts,
// which keeps Prisma's own `_prisma_migrations` bookkeeping, so `prisma migrate deploy` agrees with it.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost/unused' },
});
