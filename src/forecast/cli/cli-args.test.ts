import { describe, expect, it } from 'vitest';
import { parseBacktestArgs } from './cli-args.ts';

describe('backtest arguments', () => {
  it('parses the documented options with defaults', () => {
    expect(parseBacktestArgs(['--input', 'a.csv', '--horizon', '12', '--season', '12', '--json'])).toEqual({
      input: 'a.csv',
      horizon: 12,
      windows: 1,
      season: 12,
      json: true,
      completeOnly: false,
      workers: undefined,
      regressors: [],
      arimaReference: 'package',
      global: true,
    });
  });

  it.each([
    [['--horizon', '12'], '--input is required'],
    [['--input', 'a.csv'], '--horizon is required'],
    [['--input', 'a.csv', '--horizon', '0'], "--horizon must be a positive integer, got '0'"],
    [['--input', 'a.csv', '--horizon', 'abc'], "--horizon must be a positive integer, got 'abc'"],
    [['--input', 'a.csv', '--horizon', '3', '--windows', '1.5'], "--windows must be a positive integer, got '1.5'"],
    [['--input', 'a.csv', '--horizon', '3', '--bogus'], "Unknown option '--bogus'"],
  ])('rejects %j with a message naming the problem', (argv, message) => {
    expect(() => parseBacktestArgs(argv)).toThrow(message);
  });
});
