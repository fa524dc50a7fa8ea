import type { Database } from 'better-sqlite3';

/** Small facts kept with the data (migration 0008): the version that last opened it. */
export function createAppMetaRepo(db: Database) {
  const get = db.prepare('SELECT value FROM app_meta WHERE key = ?').pluck();
  const set = db.prepare(
    'INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  return {
    get: (key: string) => get.get(key) as string | undefined,
    set: (key: string, value: string) => void set.run(key, value),
  };
}

export type AppMetaRepo = ReturnType<typeof createAppMetaRepo>;
