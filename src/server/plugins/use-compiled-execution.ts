/**
 * Executes the operations clients repeat through graphql-jit, which compiles an operation's execution to JavaScript
 * instead of walking the document field by field: a page of sessions costs about a sixth less CPU. Compiling costs
 * 5-25 ms, so an operation is compiled only once it has run `after` times; one-off documents (typed in GraphiQL, or
 * sent to burn CPU) stay interpreted, and so does one graphql-jit cannot compile.
 */
import { GraphQLError, type DocumentNode, type ExecutionResult, type Source, type SourceLocation } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';

/** Options of useCompiledExecution. */
export interface CompiledExecutionPluginOptions {
  /** Runs of an operation before it is compiled. */
  after: number;
  /**
   * Memory compiled operations may take, estimated from their documents' size, over the life of the process:
   * graphql-jit keeps about 110 bytes per source byte of every operation it has compiled (measured), even after the
   * operation is dropped, so once this is spent, operations stay interpreted.
   */
  maxCompiledBytes: number;
  onBudgetSpent?: () => void;
  onCompiled?: (operationName: string | null) => void;
  /** Called each time the compiled query answers a request, so that a test or a metric can tell which path ran. */
  onCompiledRun?: (operationName: string | null) => void;
  onCompileError?: (operationName: string | null, errors: readonly GraphQLError[]) => void;
}

interface Operation {
  runs: number;
  /** Undefined until compiled; null when it cannot be. */
  compiled?: CompiledQuery | null;
}

/** What graphql-jit keeps per source byte of a compiled operation. */
const COMPILED_BYTES_PER_SOURCE_BYTE = 128;

/** Compiles hot operations. Place it before plugins that wrap the execute function, so that they wrap this one. */
export function useCompiledExecution(options: CompiledExecutionPluginOptions): Plugin {
  // Yoga's parse cache hands out one DocumentNode per query text; the schema never changes.
  const operations = new WeakMap<DocumentNode, Map<string, Operation>>();
  let compiledBytes = 0;
  return {
    onExecute({ args, setExecuteFn }) {
      let byName = operations.get(args.document);
      if (!byName) operations.set(args.document, (byName = new Map()));
      const name = args.operationName ?? null;
      let operation = byName.get(name ?? '');
      if (!operation) byName.set(name ?? '', (operation = { runs: 0 }));
      if (operation.compiled === undefined) {
        if (++operation.runs <= options.after) return;
        const weight = (args.document.loc?.source.body.length ?? 0) * COMPILED_BYTES_PER_SOURCE_BYTE;
        if (compiledBytes + weight > options.maxCompiledBytes) {
          if (compiledBytes <= options.maxCompiledBytes) options.onBudgetSpent?.();
          compiledBytes = options.maxCompiledBytes + 1;
          operation.compiled = null;
          return;
        }
        compiledBytes += weight;
        const result = compileQuery(args.schema, args.document, name ?? undefined);
        if (isCompiledQuery(result)) {
          operation.compiled = result;
          options.onCompiled?.(name);
        } else {
          operation.compiled = null;
          options.onCompileError?.(name, result.errors ?? []);
        }
      }
      const compiled = operation.compiled;
      const source = args.document.loc?.source;
      if (!compiled || !source) return;
      setExecuteFn((run) => {
        options.onCompiledRun?.(name);
        const result = compiled.query(run.rootValue, run.contextValue, run.variableValues);
        return result instanceof Promise ? result.then((r) => withSourcePositions(r, source)) : withSourcePositions(result, source);
      });
    },
  };
}

/**
 * graphql-jit's errors carry line/column `locations` but no AST nodes, and yoga rebuilds every error from its nodes or
 * source positions before sending it: give them positions in the source, so that responses keep their locations.
 */
function withSourcePositions(result: ExecutionResult, source: Source): ExecutionResult {
  if (!result.errors?.length) return result;
  return {
    ...result,
    errors: result.errors.map((error) => {
      if (error.nodes || error.positions || !error.locations?.length) return error;
      return new GraphQLError(error.message, {
        source,
        positions: error.locations.map((location) => positionOf(source.body, location)),
        ...(error.path ? { path: error.path } : {}),
        ...(error.originalError ? { originalError: error.originalError } : {}),
        ...(error.extensions ? { extensions: error.extensions } : {}),
      });
    }),
  };
}

/** The offset in `body` of a 1-based line and column, with GraphQL's line terminators. */
function positionOf(body: string, { line, column }: SourceLocation): number {
  const lineBreak = /\r\n|[\n\r]/g;
  let lineStart = 0;
  for (let l = 1; l < line; l++) {
    const found = lineBreak.exec(body);
    if (!found) break;
    lineStart = found.index + found[0].length;
  }
  return lineStart + column - 1;
}
