/** Why an input was refused. Stable codes, for scripts and tests. */
export type IngestErrorCode =
  | 'NOT_FOUND'
  | 'NO_TEXT_FILES'
  /** A symbolic link named as a path: links are not followed, as in a folder scan. */
  | 'SYMLINK'
  | 'TOO_LARGE'
  /** One paragraph (one line) over MAX_PARAGRAPH_CHARS, most often a text without its line breaks. */
  | 'PARAGRAPH_TOO_LONG'
  | 'EMPTY'
  | 'INVALID_UTF8'
  | 'BINARY'
  | 'BAD_FRONT_MATTER'
  | 'UNSUPPORTED_LANGUAGE'
  /** Another ingest wrote the same article or entity at the same moment; trying again succeeds. */
  | 'CONFLICT'
  /** The database did not answer in time (no free connection, a lock or statement timeout); try again. */
  | 'BUSY';

export class IngestError extends Error {
  override name = 'IngestError';
  constructor(
    readonly code: IngestErrorCode,
    message: string,
  ) {
    super(message);
  }
}
