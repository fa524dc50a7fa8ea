// Signal-style process boundary: a file's suffix names the runtime it may run in,
// and it may only import files whose runtime it can also host.
import path from 'node:path';

const RUNTIMES = ['std', 'node', 'dom', 'main', 'preload'];

/** Which runtimes each runtime may import from. */
const MAY_IMPORT = {
  std: ['std'],
  node: ['std', 'node'],
  dom: ['std', 'dom'],
  main: ['std', 'node', 'main'],
  preload: ['std', 'preload'],
};

/** Which runtime a top-level folder's files must declare. */
const FOLDER_RUNTIMES = {
  shared: ['std'],
  renderer: ['dom', 'std'],
  preload: ['preload'],
  main: ['node', 'main', 'std'],
};

function runtimeOf(file) {
  const m = /\.(std|node|dom|main|preload)\.(tsx?|mjs)$/.exec(file);
  return m ? m[1] : null;
}

export default {
  rules: {
    'file-runtime': {
      meta: {
        type: 'problem',
        messages: {
          missing: 'File name must declare its runtime: one of {{allowed}} (e.g. name.{{first}}.ts).',
          wrongFolder: '"{{runtime}}" files do not belong in {{folder}}/ (allowed: {{allowed}}).',
          crossing: '{{from}} code may not import {{to}} code ({{source}}).',
        },
        schema: [],
      },
      create(context) {
        const file = context.filename;
        const rel = path.relative(context.cwd, file).split(path.sep);
        const folder = rel[0];
        const allowed = FOLDER_RUNTIMES[folder];
        if (!allowed) return {};
        const runtime = runtimeOf(file);
        return {
          Program(node) {
            if (!runtime) {
              context.report({
                node,
                messageId: 'missing',
                data: { allowed: allowed.join(', '), first: allowed[0] },
              });
            } else if (!allowed.includes(runtime)) {
              context.report({
                node,
                messageId: 'wrongFolder',
                data: { runtime, folder, allowed: allowed.join(', ') },
              });
            }
          },
          ImportDeclaration(node) {
            const source = node.source.value;
            if (!runtime || typeof source !== 'string' || !source.startsWith('.')) return;
            const target = runtimeOf(source);
            if (target && RUNTIMES.includes(target) && !MAY_IMPORT[runtime].includes(target)) {
              context.report({ node, messageId: 'crossing', data: { from: runtime, to: target, source } });
            }
          },
        };
      },
    },
  },
};
