import { useQuery } from '@tanstack/react-query';
import type {
  PlannerBaseline,
  PlannerInputs,
  PlannerResult,
  Rate,
  RateChange,
  RateList,
  Scenario,
  ScenarioSummary,
} from '../../../common/workforce-planner';
import { api } from '../../app/api';

export const baselineKey = (pcnId: string | null) => ['workforce-planner', 'baseline', pcnId ?? 'default'] as const;
export const SCENARIOS_KEY = ['workforce-planner', 'scenarios'] as const;
export const RATES_KEY = ['workforce-planner', 'rates'] as const;

export function useBaseline(pcnId: string | null) {
  return useQuery({
    queryKey: baselineKey(pcnId),
    queryFn: () =>
      api<PlannerBaseline>(`/api/workforce-planner/baseline${pcnId ? `?pcnId=${encodeURIComponent(pcnId)}` : ''}`),
  });
}

export function useScenarios() {
  return useQuery({
    queryKey: SCENARIOS_KEY,
    queryFn: () => api<{ scenarios: ScenarioSummary[] }>('/api/workforce-planner/scenarios'),
  });
}

export function useScenario(id: string | null) {
  return useQuery({
    queryKey: ['workforce-planner', 'scenario', id],
    queryFn: () => api<Scenario>(`/api/workforce-planner/scenarios/${encodeURIComponent(id as string)}`),
    enabled: id !== null,
  });
}

export function calculatePlan(body: { pcnId: string | null; inputs: PlannerInputs }): Promise<PlannerResult> {
  return api('/api/workforce-planner/calculate', { method: 'POST', body });
}

export function saveScenario(body: { name: string; pcnId: string | null; inputs: PlannerInputs }): Promise<Scenario> {
  return api('/api/workforce-planner/scenarios', { method: 'POST', body });
}

export function deleteScenario(id: string): Promise<void> {
  return api(`/api/workforce-planner/scenarios/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function useRates() {
  return useQuery({ queryKey: RATES_KEY, queryFn: () => api<RateList>('/api/workforce-planner/rates') });
}

export function changeRate(body: RateChange): Promise<Rate> {
  return api('/api/workforce-planner/rates', { method: 'PUT', body });
}

const POUNDS = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
const NUMBER = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/** £ rounded to the pound; "Not known" when a figure it needs is not entered. */
export const pounds = (n: number | null) => (n === null ? 'Not known' : POUNDS.format(n));
export const figure = (n: number | null) => (n === null ? 'Not known' : NUMBER.format(n));
/** A difference with its sign: "+1.5", "−0.5". */
export const signed = (n: number) => (n > 0 ? `+${NUMBER.format(n)}` : n < 0 ? `−${NUMBER.format(-n)}` : '0');

export type { PlannerBaseline, PlannerInputs, PlannerResult, Rate, RateList, Scenario, ScenarioSummary };
