import { SkillproofError } from '@skillproof/core';
import type { TaskState } from './task-state.js';

/**
 * Why a task that has ended (paid or cancelled) or moved past its claims (accepted) can't take
 * `what`, or undefined when it is open or claimed.
 *
 * @example
 * ```ts
 * const refusal = closedTaskError(task, 'be claimed');
 * if (refusal) throw refusal;
 * ```
 */
export function closedTaskError(task: TaskState, what: string): SkillproofError | undefined {
  switch (task.status) {
    case 'paid':
      return new SkillproofError(
        'TASK_ALREADY_PAID',
        `task ${task.taskId} is paid; it can't ${what}`,
      );
    case 'cancelled':
      return new SkillproofError(
        'TASK_CANCELLED',
        `task ${task.taskId} was cancelled; it can't ${what}`,
      );
    case 'accepted':
      return new SkillproofError(
        'TASK_ALREADY_ACCEPTED',
        `task ${task.taskId} has an accepted claim already; it can't ${what}`,
      );
    default:
      return undefined;
  }
}

/**
 * Refuses an employer acting on another employer's task.
 *
 * @throws SkillproofError `FORBIDDEN`.
 */
export function checkTaskOwner(task: TaskState, employerId: string): void {
  if (task.employerId !== employerId) {
    throw new SkillproofError('FORBIDDEN', 'this task belongs to another employer');
  }
}
