/**
 * Document limits, checked before execution (graphql-armor): depth of fields (fragments count by what they hold, not
 * as levels of their own), aliases, directives and tokens. Every refusal carries a code and names the setting, as
 * every other error of the gateway does; armor's own errors carry none.
 */
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Options of useDocumentLimits. */
export interface DocumentLimitsPluginOptions {
  /** Most nested fields (GATEWAY_MAX_DEPTH). */
  maxDepth: number;
  /** Most aliases (GATEWAY_MAX_ALIASES). */
  maxAliases: number;
  /** Most tokens, counted while parsing (GATEWAY_MAX_TOKENS). */
  maxTokens: number;
  /** Most directives. */
  maxDirectives: number;
  /** Hide "did you mean" suggestions, which reveal the schema. */
  blockFieldSuggestions: boolean;
}

/** Gives an armor refusal its code and the setting that refused it. */
const coded = (code: string, setting: string) => [(_ctx: unknown, err: GraphQLError) => {
  const extensions = err.extensions as Record<string, unknown>;
  extensions.code ??= code;
  extensions.setting ??= setting;
}];

/** Refuses documents past the limits, with codes. */
export function useDocumentLimits(options: DocumentLimitsPluginOptions): Plugin {
  return EnvelopArmorPlugin({
    maxDepth: { n: options.maxDepth, flattenFragments: true, onReject: coded('QUERY_TOO_DEEP', 'GATEWAY_MAX_DEPTH') },
    maxAliases: { n: options.maxAliases, onReject: coded('QUERY_TOO_MANY_ALIASES', 'GATEWAY_MAX_ALIASES') },
    maxTokens: { n: options.maxTokens, onReject: coded('QUERY_TOO_MANY_TOKENS', 'GATEWAY_MAX_TOKENS') },
    maxDirectives: { n: options.maxDirectives, onReject: coded('QUERY_TOO_MANY_DIRECTIVES', 'maxDirectives') },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: options.blockFieldSuggestions },
  }) as Plugin;
}
