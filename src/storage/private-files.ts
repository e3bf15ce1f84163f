import { closeSync, mkdirSync, openSync } from 'node:fs';

/**
 * Files and folders Restock makes for its data are readable by their owner only, whatever the
 * umask: the database and its backups hold webhook signing secrets and the unsubscribe secret in
 * clear. What exists already (made by the operator) keeps its mode.
 */

/** Makes a folder and any missing parents with mode 0700; an existing one is left as it is. */
export function makePrivateFolder(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
}

/**
 * Creates an empty file with mode 0600 unless one is there already (left as it is); true when it
 * created one. SQLite opens an empty file as a new database, and gives its -wal and -shm files the
 * database file's mode.
 */
export function createPrivateFile(path: string): boolean {
  try {
    closeSync(openSync(path, 'wx', 0o600));
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') return false;
    throw error;
  }
}
