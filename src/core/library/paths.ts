// Where the user's library of added releases lives: $ZIBO_HOME, else $XDG_DATA_HOME/zibo, else ~/.local/share/zibo.
// Layout:
//   <library>/releases/<release-id>.json   one file per added release: its text as received, metadata and facts
//   <library>/library.lock                 held (a directory, proper-lockfile) while a writer changes releases/
// Readers list releases/ and read each file; they never take the lock, and a writer only ever renames a whole
// file into place, so a reader sees each release either whole or absent.

import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export type Env = Record<string, string | undefined>;

export function libraryDir(env: Env): string {
  if (env.ZIBO_HOME) return resolve(env.ZIBO_HOME);
  if (env.XDG_DATA_HOME) return resolve(env.XDG_DATA_HOME, 'zibo');
  return join(env.HOME || homedir(), '.local', 'share', 'zibo');
}

export const releasesDir = (lib: string): string => join(lib, 'releases');
export const lockPath = (lib: string): string => join(lib, 'library.lock');
export const RECORD_EXT = '.json';
export const recordPath = (lib: string, id: string): string => join(releasesDir(lib), id + RECORD_EXT);
/** A record file's name: the release id (a lower-case slug) and .json; anything else in releases/ is not a record. */
export const RECORD_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*\.json$/;
/** The temporary file write-file-atomic writes before its rename (`<name>.<number>`): left behind only by a killed writer. */
export const TEMP_NAME = /\.(?:json|idx)\.\d+$/;
