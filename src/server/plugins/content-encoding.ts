/** Which compression a client accepts (Accept-Encoding with its q-values, RFC 9110 §12.5.3), and compressing to it. */
import { promisify } from 'node:util';
import zlib from 'node:zlib';

/** The encodings the gateway sends, best first. */
export type ContentEncoding = 'br' | 'gzip';
const PREFERRED: readonly ContentEncoding[] = ['br', 'gzip'];

/** The best encoding `header` accepts, or undefined for none (identity). */
export function chooseEncoding(header: string | null): ContentEncoding | undefined {
  if (!header) return undefined;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const weight = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = weight ? Number(weight.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const weightOf = (e: string) => q.get(e) ?? q.get('*') ?? 0;
  let best: ContentEncoding | undefined;
  for (const e of PREFERRED) if (weightOf(e) > 0 && (!best || weightOf(e) > weightOf(best))) best = e;
  return best;
}

/** A Buffer as a response body (a Buffer is a Uint8Array; the DOM types want its ArrayBuffer kind spelt out). */
export const asBody = (bytes: Buffer): Uint8Array<ArrayBuffer> => bytes as Uint8Array<ArrayBuffer>;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
/** Per effort, brotli quality and gzip level: `fast` for a response made per request, `best` for one made once. */
const SETTINGS = { fast: { quality: 4, level: 5 }, best: { quality: 9, level: 9 } } as const;

/** `body` compressed to `encoding`. */
export function compress(encoding: ContentEncoding, body: Buffer, effort: keyof typeof SETTINGS): Promise<Buffer> {
  const { quality, level } = SETTINGS[effort];
  return encoding === 'br'
    ? brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: quality, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : gzip(body, { level });
}
