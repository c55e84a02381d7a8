import { watch, watchFile, unwatchFile, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { parseFlagDefinitions, type FlagDefinitions } from './flag-definitions.ts';
import type { FlagSource } from './flag-source.ts';

export interface FlagFileSourceOptions {
  /** Quiet time after the last file event before re-reading (editors write in several steps). */
  readonly debounceMs?: number;
  /** How often the mtime fallback polls, for file systems where fs.watch misses events. */
  readonly pollMs?: number;
}

/**
 * Definitions from a JSON file in GrowthBook's features format. Changes are picked up without a
 * restart: fs.watch on the file's directory (so an editor's write-to-temp-then-rename still
 * counts) plus an mtime poll as a fallback (network and container file systems drop inotify
 * events); both are debounced into one reload.
 */
export function createFlagFileSource(path: string, options: FlagFileSourceOptions = {}): FlagSource {
  const file = resolve(path);
  const debounceMs = options.debounceMs ?? 75;
  let watcher: FSWatcher | null = null;
  let timer: NodeJS.Timeout | null = null;
  let polling = false;

  return {
    description: file,

    async load(): Promise<FlagDefinitions> {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new Error(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
      }
      return parseFlagDefinitions(text, file);
    },

    watch(changed) {
      const schedule = () => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          timer = null;
          changed();
        }, debounceMs);
        timer.unref();
      };
      try {
        watcher = watch(dirname(file), { persistent: false }, (_event, name) => {
          if (name === null || name === basename(file)) schedule();
        });
        watcher.on('error', () => undefined); // the mtime poll below still covers the file
      } catch {
        watcher = null; // directory not watchable here: rely on polling
      }
      watchFile(file, { persistent: false, interval: options.pollMs ?? 2000 }, (current, previous) => {
        if (current.mtimeMs !== previous.mtimeMs || current.size !== previous.size) schedule();
      });
      polling = true;
    },

    async close() {
      if (timer) clearTimeout(timer);
      watcher?.close();
      if (polling) unwatchFile(file);
    },
  };
}
