import type { PrismaClient } from '../generated/prisma/client.js';
import type { Database } from './client.js';

// The database the process serves from, chosen once at start-up (PostgreSQL or the embedded PGlite).
let current: Database | null = null;

export function useDatabase(db: Database): void {
  current = db;
}

export function database(): Database {
  if (!current) throw new Error('no database opened: call useDatabase() at start-up');
  return current;
}

export function prisma(): PrismaClient {
  return database().prisma;
}
