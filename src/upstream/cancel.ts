/**
 * Stopping upstream calls. `CancelSignal` is the part of an AbortSignal the caller uses, so an AbortSignal will do.
 * `Cancellation` is a light stand-in for one GraphQL request's AbortController: a native AbortSignal is an
 * EventTarget, and building three per request (the client's, a timeout's and AbortSignal.any's, with its weak
 * references) cost more CPU and garbage collection than signing the request's upstream call.
 */

/** Tells a pending call to stop. */
export interface CancelSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** A signal and its trigger in one; listeners run once, on the first `abort()`. */
export class Cancellation implements CancelSignal {
  #aborted = false;
  #listeners: (() => void)[] = [];

  get aborted(): boolean {
    return this.#aborted;
  }

  abort(): void {
    if (this.#aborted) return;
    this.#aborted = true;
    const listeners = this.#listeners;
    this.#listeners = [];
    for (const listener of listeners) listener();
  }

  addEventListener(_type: 'abort', listener: () => void): void {
    if (!this.#aborted) this.#listeners.push(listener);
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    const at = this.#listeners.indexOf(listener);
    if (at >= 0) this.#listeners.splice(at, 1);
  }
}

/**
 * `work`, or `cancelled()`'s error as soon as `signal` aborts, whichever comes first: for waits that cannot be
 * interrupted themselves (a retry back-off inside the retry strategy, a resolver's whole upstream work).
 */
export function untilCancelled<T>(work: Promise<T>, signal: CancelSignal | undefined, cancelled: () => Error): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(cancelled());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
      (error: unknown) => (signal.removeEventListener('abort', onAbort), reject(error)),
    );
  });
}
