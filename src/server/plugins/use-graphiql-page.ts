/**
 * The page a browser gets at /graphql. GraphiQL (self-hosted, about 9 MB of HTML and scripts) is rendered once,
 * compressed once per encoding, and served with an ETag, so a reload costs a 304 and a hundred loads do not cost a
 * hundred copies in memory. With GraphiQL off, a browser gets a short page that says so and how to query instead of
 * a bare 406. The plugin runs after authentication and rate limiting, so page loads count against the rate limit.
 */
import { createHash } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import { asBody, chooseEncoding, compress, type ContentEncoding } from './content-encoding.js';

/** Options of useGraphiQLPage. */
export interface GraphiQLPagePluginOptions {
  /** Where GraphQL is served, e.g. /graphql. */
  endpoint: string;
  /**
   * Renders GraphiQL's HTML; absent: GraphiQL is off. Called once, at the first page request: GraphiQL's bundle is
   * loaded then, not at start (it holds about 35 MB of heap a gateway with GraphiQL off never needs).
   */
  render?: () => Promise<string>;
}

/** Whether a request is a browser asking for the page rather than a GraphQL request (as yoga tells them apart). */
export const isPageRequest = (request: Request): boolean =>
  request.method === 'GET' && (request.headers.get('accept') ?? '').includes('text/html');

const OFF_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>AWS Sessions Gateway</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
<h1>AWS Sessions Gateway</h1>
<p>GraphiQL is turned off on this gateway (<code>GATEWAY_GRAPHIQL=false</code>, the default with AWS in production).</p>
<p>Send queries with <code>POST</code> to this URL, as JSON <code>{"query": "…", "variables": {…}}</code> with
<code>content-type: application/json</code>, and your API key (<code>x-api-key</code>) or token (<code>authorization: Bearer …</code>), for example:</p>
<pre>curl -s -H 'content-type: application/json' -H 'x-api-key: …' \\
  --data '{"query":"{ __typename }"}' &lt;this URL&gt;</pre>
</body></html>
`;

/** One page, its ETag and its compressed forms, each made when first asked for. */
class CachedPage {
  readonly etag: string;
  private readonly encoded = new Map<ContentEncoding, Promise<Buffer>>();

  constructor(private readonly body: Buffer) {
    this.etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  }

  async response(request: Request): Promise<Response> {
    const headers: Record<string, string> = {
      'content-type': 'text/html; charset=utf-8', etag: this.etag, 'cache-control': 'no-cache', vary: 'accept-encoding',
    };
    if ((request.headers.get('if-none-match') ?? '').split(',').some((tag) => tag.trim().replace(/^W\//, '') === this.etag)) {
      return new Response(null, { status: 304, headers });
    }
    const encoding = chooseEncoding(request.headers.get('accept-encoding'));
    if (!encoding) return new Response(asBody(this.body), { status: 200, headers });
    let encoded = this.encoded.get(encoding);
    if (!encoded) this.encoded.set(encoding, (encoded = compress(encoding, this.body, 'best')));
    return new Response(asBody(await encoded), { status: 200, headers: { ...headers, 'content-encoding': encoding } });
  }
}

/** Serves GraphiQL, or the page that says it is off, to browsers at the endpoint. */
export function useGraphiQLPage(options: GraphiQLPagePluginOptions): Plugin {
  let page: Promise<CachedPage> | undefined;
  const pageOf = () => (page ??= (options.render ? options.render() : Promise.resolve(OFF_PAGE)).then((html) => new CachedPage(Buffer.from(html))));
  return {
    // Synchronous for every request but a page load: an async hook would make each request wait a turn of promises.
    onRequest({ request, url, endResponse }) {
      if (!isPageRequest(request) || (url.pathname !== options.endpoint && url.pathname !== `${options.endpoint}/`)) return undefined;
      return pageOf().then((page) => page.response(request)).then(endResponse);
    },
  };
}
