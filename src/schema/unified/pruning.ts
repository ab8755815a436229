/**
 * Which parents discovery may skip because nothing below them can pass the filter. Each rule rests on how the
 * services relate a parent's times and status to its sessions', and is written so that it only skips what provably
 * holds no match (the README lists the rules; test/integration/discovery.test.ts holds the sandbox's edge cases):
 * - A Deadline job's `endedAt` is set only once every session of the job has ended, and no session starts after its
 *   job ended; no session starts before its job started.
 *
 * Nova Act sessions have no status or times of their own, so the filter defines them through their run: a session
 * found below a workflow definition is active unless its run has finished (runMatches, applied with pruning on or
 * off); one named by a novaActWorkflowRuns source, whose run the gateway has not listed, counts as active.
 */
import type { SessionFilterValue } from '../shared/session-source.js';
import { dateOf } from '../shared/session.js';

/** Whether a job (a ListJobs item) may hold a session the filter keeps. */
export function jobMayMatch(job: Record<string, unknown>, filter: SessionFilterValue): boolean {
  const started = dateOf(job.startedAt)?.getTime();
  const ended = dateOf(job.endedAt)?.getTime();
  // Ended: every session has ended, so none is active.
  if (filter.activeOnly && ended !== undefined) return false;
  // Every session started at or before the job ended; a match must start strictly after startedAfter.
  if (filter.startedAfter && ended !== undefined && ended <= filter.startedAfter.getTime()) return false;
  // Every session started at or after the job started; a match must start strictly before startedBefore.
  if (filter.startedBefore && started !== undefined && started >= filter.startedBefore.getTime()) return false;
  return true;
}

/** Run statuses after which a Nova Act run has no active session. An unknown (newer) status is not among them. */
const FINISHED_RUN = new Set(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'DELETING']);

/** Whether the sessions of a workflow run (a ListWorkflowRuns item) pass the filter's activeOnly. */
export function runMatches(run: Record<string, unknown>, filter: SessionFilterValue): boolean {
  return !(filter.activeOnly && FINISHED_RUN.has(String(run.status)));
}
