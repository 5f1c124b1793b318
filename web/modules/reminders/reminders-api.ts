import { useQuery } from '@tanstack/react-query';
import type { TaskItem, TaskList } from '../../../common/reminders';
import { api } from '../../app/api';

export const TASKS_KEY = ['tasks'] as const;

export function useTasks() {
  return useQuery({ queryKey: TASKS_KEY, queryFn: () => api<TaskList>('/api/tasks') });
}

export function markTaskDone(id: string) {
  return api<{ id: string; doneAt: string }>(`/api/tasks/${encodeURIComponent(id)}/done`, { method: 'POST' });
}

export type { TaskItem, TaskList };
