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

/** Replaces the item's timestamp fields by Dates, in place: the item is fresh from JSON.parse and ours alone. */
function parseTimestamps(op: OperationDescriptor, res: RawResponse, item: Record<string, unknown>): Record<string, unknown> {
  for (const field of op.timestamps.fields) {
    const value = item[field];
    if (value === undefined || value === null) continue;
    try {
      item[field] = parseTimestamp(op.timestamps.format, value);
    } catch {
      throw badResponse(op, res, `response field ${field} is not a valid timestamp`);
    }
  }
  return item;
}

/**
 * Parses one timestamp in the operation's wire format: epoch seconds (with fractions, rounded to milliseconds) or
 * RFC 3339 with an offset (fractions truncated to milliseconds; a day the month does not have is refused, a leap
 * second rolls over) — the SDK's results, which the conformance tests pin, at a tenth of its parser's cost.
 */
export function parseTimestamp(format: TimestampFormat, value: unknown): Date {
  let ms: number;
  if (format === 'epoch-seconds') {
    const seconds = typeof value === 'number' ? value : typeof value === 'string' && EPOCH_STRING.test(value) ? Number(value) : NaN;
    ms = Math.round(seconds * 1000);
  } else {
    ms = typeof value === 'string' ? rfc3339(value) : NaN;
  }
  if (!Number.isFinite(ms)) throw new TypeError('not a timestamp');
  return new Date(ms);
}

/** A number written as the SDK's strict parser reads one: no spaces, no leading zeros, no hex; Infinity and NaN fail later. */
const EPOCH_STRING = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$|^-?Infinity$|^NaN$/;

/**
 * An RFC 3339 date-time with an offset, as the rest-json protocol writes it
 * (`YYYY-MM-DD[Tt]HH:MM:SS[.fraction]([Zz]|±HH:MM)`), read character by character; NaN when it is not one.
 */
function rfc3339(s: string): number {
  const n = s.length;
  if (n < 20 || s.charCodeAt(4) !== 0x2d || s.charCodeAt(7) !== 0x2d || (s.charCodeAt(10) | 0x20) !== 0x74 /* T, t */) return NaN;
  if (s.charCodeAt(13) !== 0x3a || s.charCodeAt(16) !== 0x3a) return NaN;
  const year = digitsAt(s, 0, 4), month = digitsAt(s, 5, 2), day = digitsAt(s, 8, 2);
  const hour = digitsAt(s, 11, 2), minute = digitsAt(s, 14, 2), second = digitsAt(s, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return NaN;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return NaN;
  let at = 19;
  let millis = 0;
  if (s.charCodeAt(at) === 0x2e /* . */) {
    const start = ++at;
    while (at < n && isDigit(s.charCodeAt(at))) at++;
    if (at === start) return NaN;
    // Milliseconds: the first three digits, the rest truncated.
    for (let i = start; i < start + 3; i++) millis = millis * 10 + (i < at ? s.charCodeAt(i) - 0x30 : 0);
  }
  const zone = s.charCodeAt(at);
  let offsetMinutes = 0;
  if ((zone | 0x20) === 0x7a /* Z, z */) {
    if (at + 1 !== n) return NaN;
  } else if ((zone === 0x2b || zone === 0x2d) && at + 6 === n && s.charCodeAt(at + 3) === 0x3a) {
    // Any two digits each, as the SDK reads offsets (RFC 3339 would stop at 23:59).
    const hours = digitsAt(s, at + 1, 2), minutes = digitsAt(s, at + 4, 2);
    if (hours < 0 || minutes < 0) return NaN;
    offsetMinutes = (zone === 0x2d ? -1 : 1) * (hours * 60 + minutes);
  } else {
    return NaN;
  }
  return utc(year, month, day, hour, minute, second, millis) - offsetMinutes * 60_000;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** The decimal number in `count` characters from `at`, or -1 when one is not a digit. */
function digitsAt(s: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const c = s.charCodeAt(i);
    if (!isDigit(c)) return -1;
    value = value * 10 + c - 0x30;
  }
  return value;
}

const daysIn = (year: number, month: number) =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;

/** 400 Gregorian years, exactly. */
const MS_PER_400_YEARS = 146_097 * 86_400_000;

/** Date.UTC, but years 0-99 are those years (Date.UTC reads them as 1900-1999). */
const utc = (year: number, month: number, day: number, hour: number, minute: number, second: number, millis: number) =>
  year < 100
    ? Date.UTC(year + 400, month - 1, day, hour, minute, second, millis) - MS_PER_400_YEARS
    : Date.UTC(year, month - 1, day, hour, minute, second, millis);

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
