import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TaskItem, TaskList } from '../../../common/reminders';
import { api } from '../../app/api';

export const TASKS_KEY = ['tasks'] as const;

export function useTasks() {
  return useQuery({ queryKey: TASKS_KEY, queryFn: () => api<TaskList>('/api/tasks') });
}

export function useMarkTaskDone() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<{ id: string; doneAt: string }>(`/api/tasks/${encodeURIComponent(id)}/done`, { method: 'POST' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: TASKS_KEY }),
  });
}

export type { TaskItem, TaskList };
