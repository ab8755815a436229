/**
 * Input validation of every operation, from the AWS models' constraints (written out here, not read from the
 * descriptors): each bound just inside and just outside, and the exact message that names the argument.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../src/upstream/errors.js';
import type { OperationDescriptor, OperationInput } from '../../src/upstream/operation.js';
import * as ops from '../../src/upstream/operations/index.js';
import { validateInput } from '../../src/upstream/validate.js';

const hex32 = 'a'.repeat(32);
const uuid = '0f0e0d0c-0b0a-4909-8807-060504030201';
const problem = (op: OperationDescriptor, input: OperationInput) => {
  try {
    validateInput(op, input);
    return undefined;
  } catch (err) {
    assert.ok(err instanceof InputError);
    return `${err.argument}: ${err.message}`;
  }
};

interface Case { op: OperationDescriptor; valid: OperationInput; refused: [OperationInput, string][]; accepted: OperationInput[] }

const deadlineJob = { farmId: `farm-${hex32}`, queueId: `queue-${hex32}`, jobId: `job-${hex32}` };
const deadlineWorker = { farmId: `farm-${hex32}`, fleetId: `fleet-${hex32}`, workerId: `worker-${hex32}` };
const nova = { workflowDefinitionName: 'flow_1-A', workflowRunId: uuid };
const wsw = { portalId: uuid };
const cc = { spaceName: 'my-space', projectName: 'proj.one_two', devEnvironmentId: uuid.toUpperCase() };
const hexRule = (kind: string) => `must match ${kind}-[0-9a-f]{32} ("${kind}-" followed by 32 lowercase hex digits)`;

const CASES: Case[] = [
  {
    op: ops.deadlineListSessions, valid: deadlineJob,
    accepted: [{ ...deadlineJob, maxResults: 1 }, { ...deadlineJob, maxResults: 100 }, { ...deadlineJob, nextToken: 'x' }],
    refused: [
      [{ ...deadlineJob, farmId: undefined }, 'farmId: farmId is required'],
      [{ ...deadlineJob, farmId: `farm-${'A'.repeat(32)}` }, `farmId: farmId ${hexRule('farm')}`],
      [{ ...deadlineJob, queueId: `queue-${hex32}0` }, `queueId: queueId ${hexRule('queue')}`],
      [{ ...deadlineJob, jobId: `x-job-${hex32}` }, `jobId: jobId ${hexRule('job')}`],
      [{ ...deadlineJob, maxResults: 0 }, 'maxResults: maxResults must be at least 1'],
      [{ ...deadlineJob, maxResults: 101 }, 'maxResults: maxResults must be at most 100'],
      [{ ...deadlineJob, maxResults: 1.5 }, 'maxResults: maxResults must be a whole number'],
      [{ ...deadlineJob, maxResults: '5' as unknown as number }, 'maxResults: maxResults must be a whole number'],
      [{ ...deadlineJob, farmId: 7 as unknown as string }, 'farmId: farmId must be a string'],
      [{ ...deadlineJob, sessionId: 'x' }, 'sessionId: sessionId is not an input of ListSessions'],
    ],
  },
  {
    op: ops.deadlineListSessionsForWorker, valid: deadlineWorker, accepted: [{ ...deadlineWorker, maxResults: 100 }],
    refused: [
      [{ ...deadlineWorker, fleetId: `fleet-${hex32.slice(1)}` }, `fleetId: fleetId ${hexRule('fleet')}`],
      [{ ...deadlineWorker, workerId: undefined }, 'workerId: workerId is required'],
    ],
  },
  {
    op: ops.novaActListSessions, valid: nova,
    accepted: [{ ...nova, workflowDefinitionName: 'a' }, { ...nova, workflowDefinitionName: 'a'.repeat(40) }, { ...nova, sortOrder: 'Ascending' }, { ...nova, sortOrder: 'Descending' }, { ...nova, maxResults: 100, nextToken: 'x'.repeat(2048) }],
    refused: [
      [{ ...nova, workflowDefinitionName: '' }, 'workflowDefinitionName: workflowDefinitionName must be at least 1 characters (1-40 letters, digits, "_" or "-")'],
      [{ ...nova, workflowDefinitionName: 'a'.repeat(41) }, 'workflowDefinitionName: workflowDefinitionName must be at most 40 characters (1-40 letters, digits, "_" or "-")'],
      [{ ...nova, workflowDefinitionName: 'a.b' }, 'workflowDefinitionName: workflowDefinitionName must match [a-zA-Z0-9_-]{1,40} (1-40 letters, digits, "_" or "-")'],
      [{ ...nova, workflowRunId: uuid.toUpperCase() }, 'workflowRunId: workflowRunId must match [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12} (a lowercase UUID)'],
      [{ ...nova, sortOrder: 'ascending' }, 'sortOrder: sortOrder must be one of Ascending, Descending'],
      [{ ...nova, maxResults: 101 }, 'maxResults: maxResults must be at most 100'],
      [{ ...nova, nextToken: 'x'.repeat(2049) }, 'nextToken: nextToken must be at most 2048 characters (no whitespace)'],
      [{ ...nova, nextToken: '' }, 'nextToken: nextToken must be at least 1 characters (no whitespace)'],
      [{ ...nova, nextToken: 'a b' }, 'nextToken: nextToken must match \\S* (no whitespace)'],
    ],
  },
  {
    op: ops.workSpacesWebListSessions, valid: wsw,
    accepted: [{ ...wsw, status: 'Active' }, { ...wsw, status: 'Terminated' }, { ...wsw, sortBy: 'StartTimeAscending' }, { ...wsw, sortBy: 'StartTimeDescending' }, { ...wsw, username: '' }, { ...wsw, username: 'u'.repeat(256) }, { ...wsw, sessionId: uuid }, { ...wsw, maxResults: 1 }],
    refused: [
      [{ ...wsw, portalId: uuid.slice(1) }, 'portalId: portalId must be exactly 36 characters (36 letters, digits or "-" (a portal ID))'],
      [{ ...wsw, portalId: `${uuid.slice(1)}_` }, 'portalId: portalId must match [a-zA-Z0-9\\-]+ (36 letters, digits or "-" (a portal ID))'],
      [{ ...wsw, sessionId: `${uuid}0` }, 'sessionId: sessionId must be exactly 36 characters (36 letters, digits or "-" (a session ID))'],
      [{ ...wsw, status: 'ACTIVE' }, 'status: status must be one of Active, Terminated'],
      [{ ...wsw, sortBy: 'StartTime' }, 'sortBy: sortBy must be one of StartTimeAscending, StartTimeDescending'],
      [{ ...wsw, username: 'u'.repeat(257) }, 'username: username must be at most 256 characters'],
      [{ ...wsw, username: '\ud800' }, 'username: username must be valid Unicode text (it holds a lone surrogate)'],
      [{ ...wsw, maxResults: 0 }, 'maxResults: maxResults must be at least 1'],
    ],
  },
  {
    op: ops.codeCatalystListDevEnvironmentSessions, valid: cc,
    accepted: [{ ...cc, spaceName: 'abc' }, { ...cc, spaceName: 'a'.repeat(63) }, { ...cc, projectName: 'a-b_c.d' }, { ...cc, maxResults: 200 }, { ...cc, nextToken: 'x'.repeat(10_000) }],
    refused: [
      [{ ...cc, spaceName: 'ab' }, 'spaceName: spaceName must be at least 3 characters (3-63 letters or digits, single "-", "_" or "." between them (a space name))'],
      [{ ...cc, spaceName: 'a'.repeat(64) }, 'spaceName: spaceName must be at most 63 characters (3-63 letters or digits, single "-", "_" or "." between them (a space name))'],
      [{ ...cc, projectName: 'a--b' }, 'projectName: projectName must match [a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)* (3-63 letters or digits, single "-", "_" or "." between them (a project name))'],
      [{ ...cc, projectName: '-ab' }, 'projectName: projectName must match [a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)* (3-63 letters or digits, single "-", "_" or "." between them (a project name))'],
      [{ ...cc, devEnvironmentId: `${uuid}x` }, 'devEnvironmentId: devEnvironmentId must match [0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12} (a UUID)'],
      [{ ...cc, maxResults: 201 }, 'maxResults: maxResults must be at most 200'],
      [{ ...cc, nextToken: 'x'.repeat(10_001) }, 'nextToken: nextToken must be at most 10000 characters'],
    ],
  },
];

describe('when inputs are validated against the models', () => {
  for (const c of CASES) {
    it(`then ${c.op.service.id} ${c.op.name} accepts its bounds and refuses just past them, naming the argument`, () => {
      assert.equal(problem(c.op, c.valid), undefined);
      for (const input of c.accepted) assert.equal(problem(c.op, input), undefined, JSON.stringify(input).slice(0, 120));
      for (const [input, message] of c.refused) assert.equal(problem(c.op, input), message);
    });
  }

  it('then lengths count characters (code points), not UTF-16 units', () => {
    const astral = '\u{1F600}';
    assert.equal(problem(ops.workSpacesWebListSessions, { ...wsw, username: astral.repeat(256) }), undefined, '256 emoji are 512 units');
    assert.equal(problem(ops.workSpacesWebListSessions, { ...wsw, username: astral.repeat(257) }), 'username: username must be at most 256 characters');
  });

  it('then a pattern must match the whole value, not a part of it', () => {
    assert.match(problem(ops.deadlineListSessions, { ...deadlineJob, farmId: `../farm-${hex32}` }) ?? '', /^farmId: farmId must match/);
    assert.match(problem(ops.deadlineListSessions, { ...deadlineJob, farmId: `farm-${hex32}/..` }) ?? '', /^farmId: farmId must match/);
  });
});
