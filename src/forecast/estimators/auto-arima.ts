import type { FittedModel } from '../types.ts';
import { aic, arimaModel, fitArimaOrder, type ArimaFit, type ArimaOrder } from './arima.ts';

const order = (p: number, d: number, q: number, P: number, D: number, Q: number, m: number): ArimaOrder => ({ p, d, q, P, D, Q, m });

/**
 * Orders the automatic ARIMA compares (by CSS AIC, within one differencing choice so the
 * likelihoods are comparable). Daily retail with a weekly cycle: seasonal differencing
 * with a seasonal MA (the "airline" family) and a short AR/MA part; without a cycle:
 * AR(1)/AR(2) with a mean, or an integrated MA (SES-like). Deliberately few: the engine
 * fits them for every series.
 */
export function arimaOrders(seasonPeriod: number, seasonal: boolean): ArimaOrder[] {
  const m = Math.max(1, Math.floor(seasonPeriod));
  if (seasonal && m > 1) return [order(1, 0, 0, 0, 1, 1, m), order(1, 0, 1, 0, 1, 1, m), order(2, 0, 0, 0, 1, 1, m)];
  return [order(1, 0, 0, 0, 0, 0, 1), order(2, 0, 0, 0, 0, 0, 1), order(1, 0, 1, 0, 0, 0, 1)];
}

/** The order with the lowest AIC among `orders`, as a FittedModel. */
export function fitAutoArima(values: readonly number[], seasonPeriod: number, seasonal: boolean, maxEvaluations = 60): FittedModel {
  const m = Math.max(1, Math.floor(seasonPeriod));
  const usable = arimaOrders(m, seasonal && values.length >= 3 * m + 4);
  let best: { fit: ArimaFit; score: number } | undefined;
  for (const o of usable) {
    const fit = fitArimaOrder(values, o, maxEvaluations);
    const score = aic(fit);
    if (!best || score < best.score) best = { fit, score };
  }
  return arimaModel(values, best!.fit);
}
