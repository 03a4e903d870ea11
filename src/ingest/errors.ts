/** Why an input was refused. Stable codes, for scripts and tests. */
export type IngestErrorCode =
  | 'NOT_FOUND'
  | 'NO_TEXT_FILES'
  | 'TOO_LARGE'
  | 'EMPTY'
  | 'INVALID_UTF8'
  | 'BINARY'
  | 'BAD_FRONT_MATTER'
  | 'UNSUPPORTED_LANGUAGE';

export class IngestError extends Error {
  override name = 'IngestError';
  constructor(
    readonly code: IngestErrorCode,
    message: string,
  ) {
    super(message);
  }
}
