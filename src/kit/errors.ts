/**
 * An error the user can fix: printed as one line naming the problem and the fix,
 * exit code 2, and thrown before anything is written.
 */
export class KitError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'KitError';
  }
}
