import type { FittedModel } from '../types.ts';
import { Fitted } from './fitted-model.ts';
import { doubleArray } from '../double-array.ts';

/**
 * Equal-weight mean of member forecasts. Combining ETS, ARIMA and theta is among the most
 * reliable gains in forecasting competitions (M3/M4: the "comb" benchmark); the engine
 * still only keeps it when it wins the rolling-origin backtest. Members must be of
 * different estimator kinds: each kind shares one state-path buffer, so two members of
 * one kind would recompute their paths on every call.
 */
export function combineModels(members: readonly FittedModel[]): FittedModel {
  const params: Record<string, number> = { members: members.length };
  return new Fitted({
    method: 'combination',
    params,
    minOrigin: Math.max(...members.map((m) => m.minOrigin)),
    residuals: () => {
      const lists = members.map((m) => m.residuals);
      const length = Math.min(...lists.map((r) => r.length));
      return Array.from({ length }, (_, i) => lists.reduce((s, r) => s + r[r.length - length + i]!, 0) / members.length);
    },
    forecastAt: (origin, horizon) => {
      const out = doubleArray(horizon);
      for (const member of members) {
        const f = member.forecastAt(origin, horizon);
        for (let k = 0; k < horizon; k++) out[k]! += f[k]! / members.length;
      }
      return out;
    },
  });
}
