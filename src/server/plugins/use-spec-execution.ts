/**
 * Executes with graphql-js's own `execute`. Yoga's default executor (@graphql-tools/executor) builds each object
 * with its keys in the order their resolvers finished, so the answer's fields came back in whatever order the
 * upstreams answered; the GraphQL spec orders them as the query does, and graphql-js does.
 */
import { execute } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Options of useSpecExecution (none; kept for the plugin convention). */
export type SpecExecutionPluginOptions = Record<string, never>;

/** Sets graphql-js's execute as the execute function; plugins after it may wrap or replace it. */
export function useSpecExecution(_options: SpecExecutionPluginOptions = {}): Plugin {
  return {
    onExecute({ setExecuteFn }) {
      setExecuteFn(execute as never);
    },
  };
}
