/** `npm run sandbox`: the sandbox on its own, for the AWS CLI/SDKs and for a gateway pointed at it. */
import { fixtures, SANDBOX_ACCOUNTS, SANDBOX_REGIONS, sandboxSettings, startSandbox } from './server.js';

const port = Number(process.env.SANDBOX_PORT ?? process.env.PORT ?? 4566);
const latencyMs = Number(process.env.GATEWAY_SANDBOX_LATENCY_MS ?? 0);
const sandbox = await startSandbox({ port, host: process.env.SANDBOX_HOST ?? '127.0.0.1', latencyMs });
const f = fixtures(sandbox.data);
process.stdout.write(`Sandbox listening at ${sandbox.url}

Use it from the AWS CLI/SDKs or the gateway:
${sandboxSettings(sandbox.url, f.region).map(([k, v]) => `  export ${k}=${v}`).join('\n')}
  # its second account (a role assumed through its STS) and its second region:
  export GATEWAY_ACCOUNTS='${JSON.stringify(SANDBOX_ACCOUNTS)}'
  export GATEWAY_REGIONS=${SANDBOX_REGIONS.join(',')}
  # then, e.g.: GATEWAY_UPSTREAM=aws GATEWAY_AUTH=none npm start   (the gateway on these settings)

Data set:
${JSON.stringify(f, null, 2)}

Control: GET ${sandbox.url}/_sandbox/fixtures, GET|DELETE ${sandbox.url}/_sandbox/requests, GET|PUT ${sandbox.url}/_sandbox/faults
`);
const stop = () => void sandbox.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
