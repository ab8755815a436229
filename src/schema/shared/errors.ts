/** How failures reach clients: GraphQL errors whose `extensions` carry a code and, for upstream failures, the details. */
import { GraphQLError } from 'graphql';
import { CallBudgetExhausted } from '../../pagination/call-budget.js';
import { CursorError } from '../../pagination/cursor-error.js';
import { untilCancelled, type CancelSignal } from '../../upstream/cancel.js';
import { InputError, UpstreamError } from '../../upstream/errors.js';

/** A client mistake, named by argument. */
export function badUserInput(argument: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument } });
}

/**
 * Maps anything a resolver caught to a GraphQL error; unknown errors pass through to be masked by yoga.
 * `inputArgument` names the argument an input error is blamed on when it is not the member itself (a node ID).
 */
export function toGraphQLError(err: unknown, inputArgument?: string): unknown {
  if (err instanceof GraphQLError) return err;
  if (err instanceof InputError) {
    return inputArgument ? badUserInput(inputArgument, `${inputArgument}: ${err.message}`) : badUserInput(err.argument, err.message);
  }
  if (err instanceof CursorError) return badUserInput('after', `after: the cursor ${err.message}`);
  if (err instanceof CallBudgetExhausted) return budgetExhausted(err);
  if (err instanceof UpstreamError) {
    const d = err.details;
    return new GraphQLError(err.message, {
      extensions: {
        code: d.code,
        service: d.service,
        operation: d.operation,
        ...(d.awsErrorType ? { awsErrorType: d.awsErrorType } : {}),
        ...(d.requestId ? { requestId: d.requestId } : {}),
        ...(d.httpStatus ? { httpStatus: d.httpStatus } : {}),
        ...(d.attempts ? { attempts: d.attempts } : {}),
        ...(d.retryAfterSeconds !== undefined ? { retryAfterSeconds: d.retryAfterSeconds } : {}),
      },
    });
  }
  return err;
}

/** The error of a field still waiting when its request was cancelled (the deadline's cutoff, or the client left). */
export const cutOff = () => new GraphQLError('The request reached its deadline before this field had its data', { extensions: { code: 'REQUEST_TIMEOUT' } });

/**
 * Runs `fn`, rethrowing what it throws as a GraphQL error. With a cancellation, the field gives up at once when it
 * fires, whatever it was waiting for, so the response keeps the data of the fields that had finished.
 */
export async function asGraphQL<T>(fn: () => Promise<T>, cancellation?: CancelSignal): Promise<T> {
  try {
    return await untilCancelled(fn(), cancellation, cutOff);
  } catch (err) {
    throw toGraphQLError(err);
  }
}

/** The request's upstream allowance ran out before this field had all it asked for. */
export function budgetExhausted(err: CallBudgetExhausted, path?: readonly (string | number)[]): GraphQLError {
  return new GraphQLError(err.message, { ...(path ? { path } : {}), extensions: { code: 'UPSTREAM_BUDGET_EXHAUSTED', allowance: err.allowance } });
}
