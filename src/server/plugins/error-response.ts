/** A GraphQL-over-HTTP error response sent before execution (401, 413, 429). */

/** A JSON response `{ errors: [{ message, extensions: { code } }] }` with `status`. */
export function errorResponse(status: number, code: string, message: string, headers: Record<string, string> = {}, extensions: Record<string, unknown> = {}): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] }), {
    status,
    headers: { 'content-type': 'application/graphql-response+json; charset=utf-8', ...headers },
  });
}
