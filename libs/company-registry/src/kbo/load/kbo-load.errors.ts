/**
 * The extract itself is malformed (bad quoting, a wrong column count, a bad
 * date, a missing file or column, an unreadable meta.csv): nothing was changed.
 * The message reads `enterprise.csv, line 3: <reason>`.
 */
export class KboExtractError extends Error {
  constructor(
    /** The file in the extract, as its base name (`enterprise.csv`), or the extract itself. */
    readonly file: string,
    /** 1-based, the header being line 1; absent when the fault has no single line. */
    readonly line: number | undefined,
    readonly reason: string,
  ) {
    super(`${file}${line === undefined ? '' : `, line ${line}`}: ${reason}`);
    this.name = 'KboExtractError';
  }
}

/**
 * A well-formed extract that must not be applied on top of what is loaded (an
 * update older than the loaded data, an update before any full extract, a full
 * extract older than the loaded one): nothing was changed.
 */
export class KboExtractRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KboExtractRefusedError';
  }
}
