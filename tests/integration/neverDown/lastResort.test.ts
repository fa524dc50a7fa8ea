import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Runs a script in a Node process of its own with the last-resort handlers installed. */
function run(body: string) {
  const script = `
    import { keepServingOnUnexpectedErrors } from './main/core/lastResort.node.ts';
    keepServingOnUnexpectedErrors();
    ${body}
    setTimeout(() => { console.log('still serving'); process.exit(0); }, 200);
  `;
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('the last line of defence', () => {
  it('logs an uncaught exception with its stack and keeps the process serving', () => {
    const result = run(`setTimeout(() => { throw new Error('a bug nobody caught'); }, 10);`);
    expect(result.stdout).toContain('still serving');
    expect(result.stderr).toContain('a bug nobody caught');
    expect(result.stderr).toMatch(/keeps running/);
    expect(result.status).toBe(0);
  });

  it('logs an unhandled rejection and keeps the process serving', () => {
    const result = run(`Promise.reject(new Error('a forgotten promise'));`);
    expect(result.stdout).toContain('still serving');
    expect(result.stderr).toContain('a forgotten promise');
    expect(result.status).toBe(0);
  });
});
