// Command lines are read before anything is opened: --help prints usage, and a typo or a bad value
// is one line (exit 2), never a stack.
import { describe, expect, it } from 'vitest';
import { HELP, readArguments, UsageError, validate } from '../../src/cli/i18n.js';
import { INGEST_USAGE, readIngestArguments } from '../../src/cli/ingest-arguments.js';

describe('the ingest command line', () => {
  it('asks for help with -h or --help, and takes paths after --', () => {
    expect(readIngestArguments(['-h'])).toEqual({ help: true });
    expect(readIngestArguments(['--', '--help'])).toEqual({ help: true });
    expect(readIngestArguments(['--', 'a.txt', 'folder/'])).toEqual({ help: false, paths: ['a.txt', 'folder/'] });
    expect(INGEST_USAGE).toMatch(/^usage: npm run ingest -- /);
  });

  it('refuses an unknown option or no path in one line', () => {
    const unknown = readIngestArguments(['--verbose', 'a.txt']);
    expect(unknown).toEqual({ error: expect.stringMatching(/^unknown option --verbose; see --help/) });
    expect(readIngestArguments([])).toEqual({ error: INGEST_USAGE.split('\n')[0] });
    for (const r of [unknown, readIngestArguments([])]) expect('error' in r && r.error.includes('\n')).toBe(false);
  });
});

describe('the i18n command line', () => {
  it('asks for help with --help or -h on any command', () => {
    expect(readArguments(['status', '--help']).help).toBe(true);
    expect(readArguments(['check', '-h']).help).toBe(true);
    expect(readArguments(['--help']).help).toBe(true);
    expect(HELP).toMatch(/i18n:export -- --lang L/);
  });

  it('refuses a typo, a bad language or a bad format in one line before anything is opened', () => {
    const attempts = [
      () => readArguments(['status', '--langs', 'ko']),
      () => readArguments(['export', '--lang']),
      () => validate(readArguments(['export', '--lang', 'fr'])),
      () => validate(readArguments(['export', '--lang', 'ko', '--format', 'xlsx'])),
      () => validate(readArguments(['translate'])),
    ];
    for (const attempt of attempts) {
      let error: unknown;
      try {
        attempt();
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).not.toContain('\n');
    }
    expect(() => readArguments(['status', '--langs', 'ko'])).toThrow(/^Unknown option '--langs'; see --help$/);
  });
});
