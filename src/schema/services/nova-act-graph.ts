/** Nova Act's resource graph: workflow definitions hold runs, runs hold sessions; each session points back to its run. */
import * as ops from '../../upstream/operations/index.js';
import { builder } from '../builder.js';
import { dateTime, enumOf, str } from '../shared/fields.js';
import { listingField, parentField, resourceConnection, resourceNode, type ResourceValue } from '../shared/resource.js';
import { wireEnum } from '../shared/wire-enum.js';
import { NovaActSession, NovaActSessionConnection, sortOrder, toNovaActSession, type NovaActSessionShape } from './nova-act.js';

const definitionStatus = wireEnum('NovaActWorkflowDefinitionStatus', { ACTIVE: 'ACTIVE', DELETING: 'DELETING' }, 'The status of a Nova Act workflow definition.');
const runStatus = wireEnum('NovaActWorkflowRunStatus', { RUNNING: 'RUNNING', SUCCEEDED: 'SUCCEEDED', FAILED: 'FAILED', TIMED_OUT: 'TIMED_OUT', DELETING: 'DELETING' }, 'The status of a Nova Act workflow run.');

export const WorkflowDefinition = resourceNode({
  name: 'NovaActWorkflowDefinition', service: 'NOVA_ACT', description: 'A Nova Act workflow definition (ListWorkflowDefinitions, GetWorkflowDefinition).',
  key: ['workflowDefinitionName'], get: ops.novaActGetWorkflowDefinition, arn: 'workflowDefinitionArn',
  // GetWorkflowDefinition names them `name` and `arn`; the summary, `workflowDefinitionName` and `workflowDefinitionArn`.
  normalize: ({ name, arn, ...rest }) => ({ ...rest, workflowDefinitionName: rest.workflowDefinitionName ?? name, workflowDefinitionArn: rest.workflowDefinitionArn ?? arn }),
  fields: { workflowDefinitionArn: str({ required: true }), createdAt: dateTime({ required: true }), status: enumOf(definitionStatus), description: str({ description: 'From GetWorkflowDefinition only.' }) },
});

export const WorkflowRun = resourceNode({
  name: 'NovaActWorkflowRun', service: 'NOVA_ACT', description: 'A run of a Nova Act workflow (ListWorkflowRuns, GetWorkflowRun).',
  key: ['workflowDefinitionName', 'workflowRunId'], get: ops.novaActGetWorkflowRun, arn: 'workflowRunArn',
  fields: {
    workflowRunArn: str({ required: true }), status: enumOf(runStatus), startedAt: dateTime(), endedAt: dateTime(),
    modelId: str({ description: 'From GetWorkflowRun only.' }), logGroupName: str({ description: 'From GetWorkflowRun only.' }),
  },
});

const DefinitionConnection = resourceConnection(WorkflowDefinition);
const RunConnection = resourceConnection(WorkflowRun);

type Sorted = { sortOrder?: string | null };
const sortArg = (t: any) => ({ sortOrder: t.arg({ type: sortOrder.ref }) });

builder.queryField('novaActWorkflowDefinitions', (t) => listingField<undefined, Sorted>(t, {
  field: 'novaActWorkflowDefinitions', op: ops.novaActListWorkflowDefinitions, connection: DefinitionConnection, fixes: [],
  description: 'The Nova Act workflow definitions the gateway\'s credentials can list (ListWorkflowDefinitions).',
  root: true, args: sortArg, input: (_root, { sortOrder: order }) => ({ sortOrder: order ?? undefined }), toNode: (item, _r, _a, place) => WorkflowDefinition.from(item, {}, place),
}));

builder.objectFields(WorkflowDefinition.ref, (t: any) => ({
  runs: listingField<ResourceValue, Sorted>(t, {
    field: 'NovaActWorkflowDefinition.runs', op: ops.novaActListWorkflowRuns, connection: RunConnection, fixes: ['workflowDefinitionName'],
    description: 'The definition\'s runs (ListWorkflowRuns).', args: sortArg,
    input: (d, { sortOrder: order }) => ({ workflowDefinitionName: d.ids.workflowDefinitionName, sortOrder: order ?? undefined }),
    toNode: (item, d) => WorkflowRun.from(item, d.ids, d.place),
  }),
}));

builder.objectFields(WorkflowRun.ref, (t: any) => ({
  workflowDefinition: parentField(t, WorkflowDefinition, (r: ResourceValue) => ({ workflowDefinitionName: r.ids.workflowDefinitionName! }), 'The definition this run is of (GetWorkflowDefinition).'),
  sessions: listingField<ResourceValue, Sorted>(t, {
    field: 'NovaActWorkflowRun.sessions', op: ops.novaActListSessions, connection: NovaActSessionConnection, fixes: ['workflowDefinitionName', 'workflowRunId'],
    description: 'The run\'s sessions (ListSessions).', args: sortArg,
    input: (r, { sortOrder: order }) => ({ ...r.ids, sortOrder: order ?? undefined }),
    toNode: (item, r) => toNovaActSession(item, r.ids as never, r.place),
  }),
}));

builder.objectFields(NovaActSession, (t: any) => ({
  workflowRun: parentField(t, WorkflowRun, (s: NovaActSessionShape) => ({ workflowDefinitionName: s.workflowDefinitionName, workflowRunId: s.workflowRunId }), 'The run this session belongs to (GetWorkflowRun; one call per run).'),
}));
