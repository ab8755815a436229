/**
 * A whole-request deadline: the request's upstream calls are aborted when it passes (the context's signal), and the
 * execution is answered with REQUEST_TIMEOUT then at the latest, whatever the upstream or a retry back-off is doing.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Options of useRequestDeadline. */
export interface RequestDeadlinePluginOptions {
  timeoutMs: number;
}

/** Bounds execution time. */
export function useRequestDeadline(options: RequestDeadlinePluginOptions): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn(async (args) => {
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<{ errors: GraphQLError[] }>((resolve) => {
          timer = setTimeout(() => resolve({
            errors: [new GraphQLError(`The request took longer than ${options.timeoutMs} ms and was stopped`, { extensions: { code: 'REQUEST_TIMEOUT' } })],
          }), options.timeoutMs);
        });
        try {
          return await Promise.race([executeFn(args), deadline]);
        } finally {
          clearTimeout(timer);
        }
      });
    },
  };
}
