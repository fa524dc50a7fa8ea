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

/** Node's own modules: `node:fs`, and the bare names Node also answers to. */
const NODE_BUILTINS = new Set([
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'module',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'string_decoder',
  'timers',
  'tls',
  'tty',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
]);
const isNodeBuiltin = (source) =>
  source.startsWith('node:') ||
  NODE_BUILTINS.has(source.split('/')[0]) ||
  NODE_BUILTINS.has(source);

/** Runtimes that may load Node's modules, and Electron's. */
const HAS_NODE = new Set(['node', 'main']);
const HAS_ELECTRON = new Set(['main', 'preload']);

/** Globals that exist only in a page, and only in Node. */
const DOM_GLOBALS = new Set([
  'window',
  'document',
  'localStorage',
  'sessionStorage',
  'navigator',
  'location',
  'HTMLElement',
  'FileReader',
  'indexedDB',
]);
const NODE_GLOBALS = new Set([
  'process',
  'require',
  'Buffer',
  '__dirname',
  '__filename',
  'module',
  'global',
  'setImmediate',
]);
const HAS_DOM = new Set(['dom']);

/** Provider plug-ins see the core only through main/providers/plugin.node.ts. */
const PROVIDER_FORBIDDEN = [
  'main/core/',
  'main/db/',
  'main/webhooks/',
  'main/bridge/',
  'main/electron/',
];

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
          missing:
            'File name must declare its runtime: one of {{allowed}} (e.g. name.{{first}}.ts).',
          wrongFolder: '"{{runtime}}" files do not belong in {{folder}}/ (allowed: {{allowed}}).',
          crossing: '{{from}} code may not import {{to}} code ({{source}}).',
          nodeModule:
            '{{from}} code may not load Node modules ({{source}}): only .node.ts and .main.ts files run under Node.',
          electronModule:
            '{{from}} code may not load Electron ({{source}}): only .main.ts (and .preload.ts) files run in Electron.',
          global: '{{from}} code may not use {{name}}: it exists only {{where}}.',
          providerReach:
            'A provider plug-in may not reach into {{target}} ({{source}}): it sees the core only through main/providers/plugin.node.ts.',
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
            if (!runtime || typeof source !== 'string') return;
            if (node.importKind === 'type') return;
            // What the file uses, not only what its name says: a module is a runtime's own.
            if (!source.startsWith('.')) {
              if (isNodeBuiltin(source) && !HAS_NODE.has(runtime))
                context.report({ node, messageId: 'nodeModule', data: { from: runtime, source } });
              if (
                (source === 'electron' || source.startsWith('electron/')) &&
                !HAS_ELECTRON.has(runtime)
              )
                context.report({
                  node,
                  messageId: 'electronModule',
                  data: { from: runtime, source },
                });
              return;
            }
            const target = runtimeOf(source);
            if (target && RUNTIMES.includes(target) && !MAY_IMPORT[runtime].includes(target)) {
              context.report({
                node,
                messageId: 'crossing',
                data: { from: runtime, to: target, source },
              });
            }
            const relFile = rel.join('/');
            if (relFile.startsWith('main/providers/') && relFile.split('/').length > 3) {
              const resolved = path
                .relative(context.cwd, path.resolve(path.dirname(file), source))
                .split(path.sep)
                .join('/');
              const reached = PROVIDER_FORBIDDEN.find((prefix) => resolved.startsWith(prefix));
              if (reached)
                context.report({
                  node,
                  messageId: 'providerReach',
                  data: { target: reached.slice(0, -1), source },
                });
            }
          },
          'Program:exit'(node) {
            if (!runtime) return;
            // Globals the file reads without declaring them: a page's only in .dom files, Node's only in Node.
            const scope = context.sourceCode.getScope(node);
            // Configured globals resolve to variables without a declaration; unknown ones stay unresolved.
            const references = [
              ...scope.through,
              ...scope.variables.filter((v) => v.defs.length === 0).flatMap((v) => v.references),
            ];
            for (const reference of references) {
              const name = reference.identifier.name;
              if (DOM_GLOBALS.has(name) && !HAS_DOM.has(runtime)) {
                context.report({
                  node: reference.identifier,
                  messageId: 'global',
                  data: { from: runtime, name, where: 'in a page (.dom.ts)' },
                });
              } else if (NODE_GLOBALS.has(name) && !HAS_NODE.has(runtime)) {
                context.report({
                  node: reference.identifier,
                  messageId: 'global',
                  data: { from: runtime, name, where: 'under Node (.node.ts, .main.ts)' },
                });
              }
            }
          },
        };
      },
    },
  },
};
