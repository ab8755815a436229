/**
 * How AWS errors are classified and named (as the SDKs read the error type), and the endpoint rule sets' errors and
 * bounds, message for message; each service's own endpoint override.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { EndpointError, resolveEndpoint } from '../../src/upstream/endpoints.js';
import { classifyAwsError, sanitizeErrorType } from '../../src/upstream/errors.js';
import * as ops from '../../src/upstream/operations/index.js';

const deadline = ops.deadlineListSessions.service;
const codeCatalyst = ops.codeCatalystListDevEnvironmentSessions.service;
const message = (fn: () => unknown) => {
  try {
    fn();
    return undefined;
  } catch (err) {
    assert.ok(err instanceof EndpointError);
    assert.equal(err.name, 'EndpointError');
    return err.message;
  }
};

describe('when an AWS error is classified', () => {
  it('then its type decides first, its status otherwise', () => {
    const table: [string | undefined, number, string][] = [
      ['ThrottlingException', 400, 'UPSTREAM_THROTTLED'], ['TooManyRequestsException', 400, 'UPSTREAM_THROTTLED'], ['RequestLimitExceeded', 400, 'UPSTREAM_THROTTLED'],
      ['SlowDown', 503, 'UPSTREAM_THROTTLED'], [undefined, 429, 'UPSTREAM_THROTTLED'],
      ['AccessDeniedException', 400, 'UPSTREAM_ACCESS_DENIED'], ['UnrecognizedClientException', 400, 'UPSTREAM_ACCESS_DENIED'], ['InvalidSignatureException', 400, 'UPSTREAM_ACCESS_DENIED'],
      ['ExpiredTokenException', 400, 'UPSTREAM_ACCESS_DENIED'], ['InvalidClientTokenId', 400, 'UPSTREAM_ACCESS_DENIED'], ['SignatureDoesNotMatch', 400, 'UPSTREAM_ACCESS_DENIED'],
      ['IncompleteSignatureException', 400, 'UPSTREAM_ACCESS_DENIED'], ['MissingAuthenticationTokenException', 400, 'UPSTREAM_ACCESS_DENIED'], ['UnauthorizedException', 400, 'UPSTREAM_ACCESS_DENIED'],
      [undefined, 401, 'UPSTREAM_ACCESS_DENIED'], [undefined, 403, 'UPSTREAM_ACCESS_DENIED'],
      ['ResourceNotFoundException', 400, 'UPSTREAM_NOT_FOUND'], [undefined, 404, 'UPSTREAM_NOT_FOUND'],
      ['ValidationException', 409, 'UPSTREAM_VALIDATION'], [undefined, 400, 'UPSTREAM_VALIDATION'],
      ['InternalServerException', 500, 'UPSTREAM_UNAVAILABLE'], [undefined, 503, 'UPSTREAM_UNAVAILABLE'], [undefined, 599, 'UPSTREAM_UNAVAILABLE'],
      ['ConflictException', 409, 'UPSTREAM_ERROR'], [undefined, 402, 'UPSTREAM_ERROR'], [undefined, 499, 'UPSTREAM_ERROR'],
    ];
    for (const [type, status, code] of table) assert.equal(classifyAwsError(type, status), code, `${type} ${status}`);
  });

  it('then the type is read as the SDKs read it: before any colon, after any namespace', () => {
    const table: [unknown, string | undefined][] = [
      ['ValidationException', 'ValidationException'], ['ValidationException:http://internal.amazon.com/', 'ValidationException'],
      ['aws.deadline#ResourceNotFoundException', 'ResourceNotFoundException'], ['ns#Throttling:extra', 'Throttling'],
      ['', undefined], [':x', undefined], ['ns#', undefined], [undefined, undefined], [42, undefined],
    ];
    for (const [raw, type] of table) assert.equal(sanitizeErrorType(raw), type, String(raw));
  });
});

describe('when settings name no valid endpoint', () => {
  it('then the rule sets\' own errors are raised, word for word', () => {
    const custom = 'http://127.0.0.1:1';
    assert.equal(message(() => resolveEndpoint(deadline, { region: 'us-east-1', useFips: true, endpointUrl: custom })), 'Invalid Configuration: FIPS and custom endpoint are not supported');
    assert.equal(message(() => resolveEndpoint(deadline, { region: 'us-east-1', useDualStack: true, endpointUrl: custom })), 'Invalid Configuration: Dualstack and custom endpoint are not supported');
    assert.equal(message(() => resolveEndpoint(deadline, {})), 'Invalid Configuration: Missing Region');
    assert.equal(message(() => resolveEndpoint(deadline, { endpointUrl: 'ftp://127.0.0.1/' })), 'Endpoint URL must be http or https: ftp:');
    // CodeCatalyst's rule set has no such branch: an override with FIPS is taken as it is.
    assert.equal(resolveEndpoint(codeCatalyst, { useFips: true, endpointUrl: custom }).url.href, `${custom}/`);
    assert.equal(resolveEndpoint(deadline, { endpointUrl: custom }).overridden, true);
    assert.equal(resolveEndpoint(deadline, { region: 'us-east-1' }).overridden, false);
    assert.equal(resolveEndpoint(codeCatalyst, {}).overridden, false);
  });

  it('then a region is one host label: 1 to 63 letters, digits and inner hyphens', () => {
    for (const ok of ['x', 'us-east-1', 'a'.repeat(63), 'a-b']) assert.equal(message(() => resolveEndpoint(deadline, { region: ok })), undefined, ok);
    for (const bad of ['a'.repeat(64), '-us', 'us-', 'US-EAST-1', 'us_east', 'us-east-1.evil.com', 'us east']) {
      assert.equal(message(() => resolveEndpoint(deadline, { region: bad })), `Invalid region: ${JSON.stringify(bad)}`);
    }
    // CodeCatalyst reads a region it cannot use as the default partition's.
    assert.equal(resolveEndpoint(codeCatalyst, { region: 'not_valid' }).url.host, 'codecatalyst.global.api.aws');
    assert.equal(resolveEndpoint(codeCatalyst, { region: 'cn-north-1' }).url.host, 'codecatalyst.global.api.amazonwebservices.com.cn');
    assert.equal(resolveEndpoint(codeCatalyst, { region: 'cn-north-1', useFips: true }).url.host, 'codecatalyst-fips.global.api.amazonwebservices.com.cn');
  });
});

describe('when one service\'s endpoint is overridden', () => {
  it('then AWS_ENDPOINT_URL_<SERVICE> applies to that service only, for each of the four', () => {
    for (const [variable, id] of [['NOVA_ACT', 'nova-act'], ['WORKSPACES_WEB', 'workspaces-web'], ['DEADLINE', 'deadline'], ['CODECATALYST', 'codecatalyst']] as const) {
      const c = loadConfig({ GATEWAY_AUTH: 'none', AWS_REGION: 'eu-west-1', [`AWS_ENDPOINT_URL_${variable}`]: 'http://127.0.0.1:9' }, ['--upstream=aws']);
      assert.deepEqual(Object.entries(c.aws.endpointUrls).filter(([, url]) => url), [[id, 'http://127.0.0.1:9']], variable);
    }
  });
});
