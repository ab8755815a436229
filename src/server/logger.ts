/** Structured JSON logs (pino). Anything that could hold a secret is redacted by path, wherever it appears. */
import pino, { type Logger } from 'pino';

/** Paths pino censors in every log line. */
export const REDACT_PATHS = [
  'authorization', '*.authorization', '*.headers.authorization', '*.headers["x-amz-security-token"]',
  'secretAccessKey', '*.secretAccessKey', 'sessionToken', '*.sessionToken', 'token', '*.token',
  'cursorSecret', '*.cursorSecret', 'signature', '*.signature',
];

/**
 * Creates a logger writing to `destination` (stdout, synchronously, by default). Times are ISO-8601, readable as
 * they are; `npm start | npx pino-pretty` turns the lines into plain text.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = {
    level, base: { service: 'aws-sessions-gateway' }, timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * The gateway process's logger: stdout written asynchronously (pino's SonicBoom destination), so that no request
 * waits for a write and lines written together go out in one. Nothing buffered is lost: pino writes what is left
 * synchronously when the process exits (the end of a clean shutdown is `process.exit`), and an uncaught error is
 * logged as fatal, then ends the process with status 1 through the same exit.
 */
export function createProcessLogger(level: string): Logger {
  const logger = createLogger(level, pino.destination({ dest: 1, sync: false }));
  process.on('uncaughtException', (err) => {
    logger.fatal({ err }, 'uncaught error: exiting');
    process.exit(1);
  });
  return logger;
}
