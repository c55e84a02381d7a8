/** A configuration problem found at start-up. The process prints it and exits non-zero. */
export class ConfigError extends Error {
  readonly issues: readonly string[];

  constructor(issues: readonly string[], source: string) {
    super(`Invalid configuration (${source}):\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

/** Renders a config path like `vendors[1].consumerKey`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}
