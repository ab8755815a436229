/**
 * Starts OpenTelemetry traces. The SDK (exporter, protocol, endpoint, sampler, propagators, resource) is the
 * OpenTelemetry Node SDK's, configured by the standard OTEL_* variables as every OpenTelemetry service is; the gateway
 * decides only whether to start it (config.ts, tracingRequested) and names itself. Traces only: the gateway's metrics
 * are Prometheus's (metrics.ts), and nothing is instrumented automatically.
 */
import { trace, type Tracer } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';

/** The service name spans carry when OTEL_SERVICE_NAME does not give one. */
export const TRACING_SERVICE_NAME = 'aws-sessions-gateway';

/** A started tracing SDK. */
export interface Tracing {
  tracer: Tracer;
  /** Exports what is still buffered, then stops. */
  shutdown(): Promise<void>;
}

/** Starts the SDK; `env` is what it reads (the process environment). */
export function startTracing(env: Readonly<Record<string, string | undefined>> = process.env): Tracing {
  const sdk = new NodeSDK({
    ...(env.OTEL_SERVICE_NAME ? {} : { serviceName: TRACING_SERVICE_NAME }),
    instrumentations: [],
    // Traces only: no OTLP metrics or logs next to Prometheus and the JSON log.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  return { tracer: trace.getTracer(TRACING_SERVICE_NAME), shutdown: () => sdk.shutdown() };
}
