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

/** Most log output held while stdout cannot take it; past it, lines are dropped rather than memory spent. */
export const LOG_BUFFER_MAX_BYTES = 16 * 1024 * 1024;

/**
 * The gateway process's logger: stdout written asynchronously (pino's SonicBoom destination), so that no request
 * waits for a write and lines written together go out in one. Nothing buffered is lost: pino writes what is left
 * synchronously when the process exits (the end of a clean shutdown is `process.exit`), and an uncaught error is
 * logged as fatal, then ends the process with status 1 through the same exit. When whatever reads stdout stops
 * reading, at most LOG_BUFFER_MAX_BYTES wait; later lines are dropped, and stderr says so once.
 */
export function createProcessLogger(level: string): Logger {
  const stdout = pino.destination({ dest: 1, sync: false, maxLength: LOG_BUFFER_MAX_BYTES });
  stdout.once('drop', () => process.stderr.write(`log output is not being read: lines past ${LOG_BUFFER_MAX_BYTES} buffered bytes are dropped\n`));
  const logger = createLogger(level, stdout);
  process.on('uncaughtException', (err) => {
    logger.fatal({ err }, 'uncaught error: exiting');
    process.exit(1);
  });
  return logger;
}
