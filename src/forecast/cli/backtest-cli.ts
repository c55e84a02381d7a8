import { runBacktestCommand } from './backtest-command.ts';

// Entry point of `npm run forecast:backtest`; everything testable lives in backtest-command.ts.
process.exitCode = await runBacktestCommand(process.argv.slice(2));
