import fs from 'node:fs';
import path from 'node:path';
import { SwitchboardError } from '../../shared/ipc/errors.std.ts';

export type StorageProblem = 'corrupt' | 'locked' | 'readonly' | 'full' | 'too_new' | 'unknown';

/** A database failure in words a user can act on. */
export class StorageError extends SwitchboardError {
  constructor(
    readonly problem: StorageProblem,
    message: string,
    readonly sqliteCode?: string,
  ) {
    super('storage', message);
    this.name = 'StorageError';
  }
}

function sqliteCodeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Turns a better-sqlite3 or file-system error into a StorageError, naming the file. */
export function toStorageError(error: unknown, file: string): StorageError {
  if (error instanceof StorageError) return error;
  const code = sqliteCodeOf(error) ?? '';
  const detail = error instanceof Error ? error.message : String(error);
  if (/directory does not exist/i.test(detail)) {
    return new StorageError(
      'readonly',
      `The folder for the message cache (${file}) does not exist. Create it or choose another data folder.`,
    );
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
    return damagedCacheError(file, code);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StorageError(
      'locked',
      `The message cache at ${file} is locked, probably by another running Switchboard. ` +
        'Close the other copy and try again.',
      code,
    );
  }
  if (
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code === 'SQLITE_PERM' ||
    code === 'EACCES' ||
    code === 'EROFS' ||
    code === 'EPERM'
  ) {
    return new StorageError(
      'readonly',
      `Switchboard cannot write its message cache at ${file}. Check that the folder exists and is writable.`,
      code,
    );
  }
  const free = freeBytes(file);
  if (
    code === 'SQLITE_FULL' ||
    code === 'ENOSPC' ||
    (code.startsWith('SQLITE_IOERR') && free !== undefined && free < LOW_SPACE_BYTES)
  ) {
    return new StorageError(
      'full',
      `The disk holding ${path.dirname(file)} is full${free !== undefined ? ` (${formatBytes(free)} free)` : ''}, so Switchboard cannot save messages. ` +
        'Free some space; nothing already saved was lost.',
      code,
    );
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new StorageError(
      'unknown',
      `Switchboard could not write its message cache at ${file}: the disk reported an error. It may be failing, ` +
        'disconnected, or over a size limit or quota. Nothing already saved was lost.',
      code,
    );
  }
  return new StorageError(
    'unknown',
    `The message cache at ${file} failed: ${detail}`,
    code || undefined,
  );
}

/** Where a damaged cache is reported, in words, with the way out. */
export function damagedCacheError(file: string, code = 'SQLITE_CORRUPT'): StorageError {
  return new StorageError(
    'corrupt',
    `The message cache at ${file} is damaged. Nothing was deleted. Switchboard can keep the damaged file ` +
      'beside a new cache rebuilt from every message that can still be read (start it with --repair-cache, ' +
      'or choose "Rebuild" in the desktop app); what is lost comes back from providers that keep history.',
    code,
  );
}

/** SQLite's own quick check of the file's structure; a failing check or a throw both mean damage. */
export function isDamaged(db: {
  pragma(source: string, options: { simple: true }): unknown;
}): boolean {
  try {
    return db.pragma('quick_check(1)', { simple: true }) !== 'ok';
  } catch {
    return true;
  }
}

/** Below this much free space, a write error is taken for a full disk. */
const LOW_SPACE_BYTES = 1024 * 1024;

function freeBytes(file: string): number | undefined {
  try {
    const stats = fs.statfsSync(path.dirname(file));
    return stats.bavail * stats.bsize;
  } catch {
    return undefined;
  }
}

function formatBytes(n: number): string {
  return n < 1024 * 1024 ? `${Math.floor(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}
