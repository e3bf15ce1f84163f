import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { badInput } from './context.js';

/**
 * Refuses, before any work, a file the command could not create: its folder missing or not a
 * folder, or the path itself a folder. A VALIDATION_FAILED naming `field` (exit 2), instead of an
 * INTERNAL error from the file system once the work is done.
 */
export function checkWritableFile(field: string, path: string): void {
  const target = resolve(path);
  const folder = dirname(target);
  if (!existsSync(folder)) badInput(field, `cannot write ${path}: there is no folder ${folder}`);
  if (!statSync(folder).isDirectory()) badInput(field, `cannot write ${path}: ${folder} is not a folder`);
  if (existsSync(target) && statSync(target).isDirectory()) badInput(field, `cannot write ${path}: it is a folder`);
}

/** Refuses, before any work, a file the command could not read: missing, or a folder. */
export function checkReadableFile(field: string, path: string): void {
  const target = resolve(path);
  if (!existsSync(target)) badInput(field, `there is no file ${path}`);
  if (statSync(target).isDirectory()) badInput(field, `${path} is a folder, not a file`);
}
