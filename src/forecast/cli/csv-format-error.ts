/** A problem in the input file, reported with the 1-based line number it was found on. */
export class CsvFormatError extends Error {
  constructor(
    readonly line: number,
    detail: string,
  ) {
    super(`line ${line}: ${detail}`);
    this.name = 'CsvFormatError';
  }
}
