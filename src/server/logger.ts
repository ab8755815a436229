/** Structured JSON logs (pino). Anything that could hold a secret is redacted by path, wherever it appears. */
import pino, { type Logger } from 'pino';

/** Paths pino censors in every log line. */
export const REDACT_PATHS = [
  'authorization', '*.authorization', '*.headers.authorization', '*.headers["x-amz-security-token"]',
  'secretAccessKey', '*.secretAccessKey', 'sessionToken', '*.sessionToken', 'token', '*.token',
  'cursorSecret', '*.cursorSecret', 'signature', '*.signature',
];

/**
 * Creates the process logger, writing to `destination` (stdout by default). Times are ISO-8601, readable as they
 * are; `npm start | npx pino-pretty` turns the lines into plain text.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = {
    level, base: { service: 'aws-sessions-gateway' }, timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
