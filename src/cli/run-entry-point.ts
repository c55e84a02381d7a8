/**
 * Runs one of the gateway's entry points (src/main.ts, src/mcp-main.ts) in this process, exactly
 * as its npm script does: the entry reads `--config` from process.argv, so it sees only the
 * arguments of its command. The entry owns the process from here (signals, exit code).
 */
export async function runEntryPoint(entry: 'main' | 'mcp-main', args: readonly string[]): Promise<void> {
  // Beside this module: `.ts` run from source by tsx, `.js` in the compiled build (dist/).
  const extension = import.meta.url.endsWith('.js') ? 'js' : 'ts';
  const url = new URL(`../${entry}.${extension}`, import.meta.url);
  process.argv = [process.argv[0] ?? process.execPath, url.pathname, ...args];
  await import(url.href);
}

/** `--config F` as the entry points read it, or nothing. */
export function configArgs(config: string | undefined): string[] {
  return config === undefined ? [] : ['--config', config];
}
