/**
 * Starts OpenTelemetry traces. The SDK (exporter, protocol, endpoint, sampler, propagators, resource) is the
 * OpenTelemetry Node SDK's, configured by the standard OTEL_* variables as every OpenTelemetry service is; the gateway
 * decides only whether to start it (config.ts, tracingRequested) and names itself. Traces only: the gateway's metrics
 * are Prometheus's (metrics.ts), and nothing is instrumented automatically.
 */
import { ROOT_CONTEXT, trace, type ContextManager, type Tracer } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';

/** The service name spans carry when OTEL_SERVICE_NAME does not give one. */
export const TRACING_SERVICE_NAME = 'aws-sessions-gateway';

/** A context manager that carries nothing: `context.active()` is always the root, as with no manager at all. */
const explicitContextsOnly: ContextManager = {
  active: () => ROOT_CONTEXT,
  with: (_context, fn, thisArg, ...args) => fn.call(thisArg, ...args),
  bind: (_context, target) => target,
  enable() {
    return this;
  },
  disable() {
    return this;
  },
};

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
    // No context manager: the gateway hands every span its parent explicitly. The SDK's default one is an
    // AsyncLocalStorage, and once the span processor first runs in it, Node hooks every promise of the process
    // (4% of the CPU under load, measured, beside the spans themselves).
    contextManager: explicitContextsOnly,
    // Traces only: no OTLP metrics or logs next to Prometheus and the JSON log.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  return { tracer: trace.getTracer(TRACING_SERVICE_NAME), shutdown: () => sdk.shutdown() };
}
