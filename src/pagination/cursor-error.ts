/** Why a cursor was refused. */
export type CursorProblem = 'malformed' | 'version' | 'tampered' | 'foreign';

/** A cursor that cannot be used here. */
export class CursorError extends Error {
  override readonly name = 'CursorError';
  constructor(readonly problem: CursorProblem, message: string) {
    super(message);
  }
}
