// The server's log: pino, one JSON object per line in production (for a log collector), readable
// lines in development. LOG_LEVEL picks the level (info by default); LOG_FORMAT=json|pretty
// overrides the choice of format.
import { type Logger, pino } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

const LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

export function logLevel(env: NodeJS.ProcessEnv = process.env): string {
  const level = env.LOG_LEVEL?.trim().toLowerCase();
  return level && LEVELS.has(level) ? level : 'info';
}

export const jsonLogs = (env: NodeJS.ProcessEnv = process.env) =>
  env.LOG_FORMAT ? env.LOG_FORMAT.trim().toLowerCase() === 'json' : env.NODE_ENV === 'production';

/**
 * The process's logger. JSON lines are written asynchronously (lines logged while a write is under
 * way go out together in the next); flush() before exiting.
 */
export function createLogger(env: NodeJS.ProcessEnv = process.env): Logger {
  const level = logLevel(env);
  if (jsonLogs(env)) {
    return pino(
      { level, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } },
      pino.destination({ fd: 1, sync: false }),
    );
  }
  return pino(
    { level },
    pretty({
      sync: true,
      colorize: Boolean(process.stdout.isTTY),
      translateTime: 'HH:MM:ss.l',
      ignore: 'pid,hostname,component,method,path,status,ms',
      messageFormat: '{if component}[{component}] {end}{msg}',
      singleLine: true,
    }),
  );
}

/** A logger that writes nothing (tests, and code given no logger). */
export const silentLogger = (): Logger => pino({ level: 'silent' });
