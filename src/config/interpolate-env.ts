import { formatPath } from './config-error.ts';

export interface InterpolationResult {
  readonly value: unknown;
  /** Paths (as `a.b[0].c`) whose value came from an environment variable. */
  readonly interpolatedPaths: ReadonlySet<string>;
  readonly issues: readonly string[];
}

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Replaces `${ENV_VAR}` references in every string of a parsed config document.
 * A reference to an unset variable is an issue naming the field and the variable, never an
 * empty string that would fail later with a vague vendor 401.
 */
export function interpolateEnv(document: unknown, env: NodeJS.ProcessEnv): InterpolationResult {
  const interpolatedPaths = new Set<string>();
  const issues: string[] = [];

  const visit = (node: unknown, path: PropertyKey[]): unknown => {
    if (typeof node === 'string') {
      if (!node.includes('${')) return node;
      interpolatedPaths.add(formatPath(path));
      return node.replace(REFERENCE, (_match, name: string) => {
        const value = env[name];
        if (value === undefined || value === '') {
          issues.push(`${formatPath(path)}: refers to \${${name}}, which is not set; export ${name}=... before starting`);
          return '';
        }
        return value;
      });
    }
    if (Array.isArray(node)) return node.map((item, index) => visit(item, [...path, index]));
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, visit(value, [...path, key])]));
    }
    return node;
  };

  return { value: visit(document, []), interpolatedPaths, issues };
}
