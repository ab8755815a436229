"""Pages through every sandbox session operation with boto3, configured only by the environment `npm run sandbox`
prints; prints the number of sessions each returned, as JSON."""
import json
import sys

import boto3

f = json.loads(sys.argv[1])
session = boto3.session.Session()
d, w, n, c = f['deadline'], f['workSpacesWeb'], f['novaAct'], f['codeCatalyst']


def count(client, operation, key, **kwargs):
    pages = session.client(client).get_paginator(operation).paginate(**kwargs, PaginationConfig={'PageSize': 7})
    return sum(len(page[key]) for page in pages)


print(json.dumps({
    'deadlineJob': count('deadline', 'list_sessions', 'sessions', farmId=d['farmId'], queueId=d['queueId'], jobId=d['jobIds'][0]),
    'deadlineWorker': count('deadline', 'list_sessions_for_worker', 'sessions', farmId=d['farmId'], fleetId=d['fleetId'], workerId=d['workerIds'][0]),
    'workSpacesWeb': count('workspaces-web', 'list_sessions', 'sessions', portalId=w['portalIds'][0]),
    'novaAct': count('nova-act', 'list_sessions', 'sessionSummaries', workflowDefinitionName=n['workflowDefinitionName'], workflowRunId=n['workflowRunIds'][0]),
    'codeCatalyst': count('codecatalyst', 'list_dev_environment_sessions', 'items', spaceName=c['spaceName'], projectName=c['projectName'], devEnvironmentId=c['devEnvironmentIds'][0]),
}))
