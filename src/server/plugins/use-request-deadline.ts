/**
 * A whole-request deadline. At the cutoff, a little before it, `onCutoff` stops the request's pending upstream calls
 * (they become field errors beside the other fields' data); at the deadline the execution is answered with
 * REQUEST_TIMEOUT, whatever the upstream or a retry back-off is doing.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Options of useRequestDeadline. */
export interface RequestDeadlinePluginOptions<C> {
  timeoutMs: number;
  /** When, after the execution starts, `onCutoff` runs; at most `timeoutMs`. */
  cutoffMs: number;
  onCutoff: (context: C) => void;
}

/** Bounds execution time. */
export function useRequestDeadline<C>(options: RequestDeadlinePluginOptions<C>): Plugin<C & Record<string, unknown>> {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn(async (args) => {
        let deadlineTimer: NodeJS.Timeout | undefined;
        const cutoffTimer = setTimeout(() => options.onCutoff(args.contextValue as C), options.cutoffMs);
        const deadline = new Promise<{ errors: GraphQLError[] }>((resolve) => {
          deadlineTimer = setTimeout(() => resolve({
            errors: [new GraphQLError(`The request took longer than ${options.timeoutMs} ms and was stopped`, { extensions: { code: 'REQUEST_TIMEOUT' } })],
          }), options.timeoutMs);
        });
        try {
          return await Promise.race([executeFn(args), deadline]);
        } finally {
          clearTimeout(cutoffTimer);
          clearTimeout(deadlineTimer);
        }
      });
    },
  };
}
