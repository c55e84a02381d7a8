import { Command, Option } from 'commander';
import { USAGE as BACKTEST_USAGE } from '../forecast/cli/cli-args.ts';
import { runBacktestCommand } from '../forecast/cli/backtest-command.ts';
import { runCheckConfigCommand } from './check-config-command.ts';
import { runHashKeyCommand } from './hash-key-command.ts';
import { configArgs, runEntryPoint } from './run-entry-point.ts';
import { runSyncCommand } from './sync-command.ts';

const CONFIG_HELP = 'the stockgraph.config.yaml to use (default: STOCKGRAPH_CONFIG, the SHOPIFY_* shortcut, else demo mode)';

/**
 * The `stockgraph` command: one sub-command per operator task, each the same code path as its npm
 * script. Commands that end set process.exitCode; `start` and `mcp` own the process until stopped.
 */
export function buildCliProgram(): Command {
  const program = new Command('stockgraph')
    .description('stockgraph: one GraphQL inventory graph over Shopify, WooCommerce, Magento and custom vendor APIs')
    .showHelpAfterError()
    .enablePositionalOptions();

  program
    .command('start')
    .description('serve the gateway (same as npm start); demo mode with embedded simulators when there is no configuration')
    .option('--config <file>', CONFIG_HELP)
    .action((options: { config?: string }) => runEntryPoint('main', configArgs(options.config)));

  program
    .command('check-config')
    .description('validate the configuration start-up would use, without starting anything (exit 0, or 1 with the start-up messages)')
    .option('--config <file>', CONFIG_HELP)
    .action((options: { config?: string }) => {
      process.exitCode = runCheckConfigCommand(options.config, process.env);
    });

  program
    .command('hash-key')
    .description('print the sha256:<hex> of an API key for auth.apiKeys[].keyHash (reads stdin when no key is given)')
    .argument('[key]', 'the API key (prefer stdin: it keeps the key out of shell history)')
    .action(async (key: string | undefined) => {
      process.exitCode = await runHashKeyCommand(key, process.stdin);
    });

  program
    .command('sync')
    .description('run one inventory sync job for a vendor and follow it (exit 0 SUCCEEDED, 1 FAILED, 130 interrupted and cancelled)')
    .argument('<vendorId>', 'the id of a configured vendor')
    .option('--full', 'read every SKU again instead of the changes since the last sync')
    .option('--config <file>', CONFIG_HELP)
    .action(async (vendorId: string, options: { config?: string; full?: boolean }) => {
      process.exitCode = await runSyncCommand(vendorId, options, process.env);
      // Open handles of the vendor clients (keep-alive sockets) must not hold the exit.
      process.exit(process.exitCode);
    });

  program
    .command('mcp')
    .description('serve MCP over stdio (same as npm run mcp); the caller is the API key in STOCKGRAPH_API_KEY')
    .option('--config <file>', CONFIG_HELP)
    .action((options: { config?: string }) => runEntryPoint('mcp-main', configArgs(options.config)));

  program
    .command('backtest')
    .description('rolling-origin forecast backtest of a CSV of series (same as npm run forecast:backtest)')
    .addOption(new Option('--input <file>', 'the CSV of series'))
    .addOption(new Option('--horizon <h>', 'steps to forecast in each window (required)'))
    .addOption(new Option('--windows <w>', 'rolling-origin windows (default 1)'))
    .addOption(new Option('--season <m>', 'season length: 7 for daily data, 12 for monthly (default 1)'))
    .addOption(new Option('--workers <n>', 'worker threads'))
    .option('--complete-only', 'evaluate only series without missing values')
    .option('--json', 'print one JSON object instead of the table')
    .addHelpText('after', `\nAs npm run forecast:backtest:\n${BACKTEST_USAGE}`)
    .action(async (options: Record<string, string | boolean | undefined>) => {
      process.exitCode = await runBacktestCommand(backtestArgs(options));
    });

  return program;
}

/** Back to the argument list the backtest command parses (it validates every value itself). */
function backtestArgs(options: Record<string, string | boolean | undefined>): string[] {
  const names: Record<string, string> = { input: 'input', horizon: 'horizon', windows: 'windows', season: 'season', workers: 'workers', completeOnly: 'complete-only', json: 'json' };
  return Object.entries(names).flatMap(([key, flag]) => {
    const value = options[key];
    if (value === undefined || value === false) return [];
    return value === true ? [`--${flag}`] : [`--${flag}`, value];
  });
}
