/**
 * Protects the account's API quotas: estimates each operation's upstream calls before it runs, refuses it with
 * QUERY_TOO_EXPENSIVE (and the estimate) when over the budget, and reports `extensions.upstream` on every result:
 * `{ estimatedCalls, budget, calls }`, the last being the calls really sent after de-duplication. The request's loaders
 * refuse any call past the estimate (UPSTREAM_BUDGET_EXHAUSTED), so the estimate is enforced, not only predicted.
 * `cachedPages` joins them when some pages came from the cross-request page cache.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../../schema/context.js';
import { analyseUpstreamCost, type CostSettings } from '../../schema/cost.js';

/** Options of useUpstreamCost. */
export interface UpstreamCostPluginOptions extends CostSettings {
  /** Most estimated upstream calls one operation may cost. */
  budget: number;
}

/** Estimates, enforces and reports upstream cost. */
export function useUpstreamCost(options: UpstreamCostPluginOptions): Plugin<GatewayContext> {
  return {
    onExecute: ({ args, setResultAndStopExecution }) => {
      const { calls: estimatedCalls, problems } = analyseUpstreamCost(args.schema, args.document, args.operationName, args.variableValues, options);
      const ctx = args.contextValue as Partial<GatewayContext>;
      if (problems.length > 0) {
        setResultAndStopExecution({
          errors: problems.map((p) => new GraphQLError(p.message, { extensions: { code: 'BAD_USER_INPUT', argument: p.argument } })),
          extensions: { upstream: { estimatedCalls, budget: options.budget, calls: 0 } },
        });
        return undefined;
      }
      if (estimatedCalls > options.budget) {
        setResultAndStopExecution({
          errors: [new GraphQLError(`This operation would make about ${estimatedCalls} upstream calls; the budget is ${options.budget}. Ask for fewer sessions (first), fewer aliases or fewer sources.`, {
            extensions: { code: 'QUERY_TOO_EXPENSIVE', estimatedCalls, budget: options.budget },
          })],
          extensions: { upstream: { estimatedCalls, budget: options.budget, calls: 0 } },
        });
        return undefined;
      }
      // The estimate is an upper bound; the loaders hold the request to it, so an estimator gap cannot overspend.
      ctx.loaders?.limitCalls(estimatedCalls);
      return {
        onExecuteDone: ({ result, setResult }) => {
          if (!result || Symbol.asyncIterator in result) return;
          const cachedPages = ctx.loaders?.cachedPages ?? 0;
          const upstream = { estimatedCalls, budget: options.budget, calls: ctx.loaders?.calls ?? 0, ...(cachedPages ? { cachedPages } : {}) };
          setResult({ ...result, extensions: { ...result.extensions, upstream } });
        },
      };
    },
  };
}
