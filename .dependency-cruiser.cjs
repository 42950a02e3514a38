// The architecture's arrows, checked: `npx depcruise src` (docs/architecture.md, "Modules").
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'platform-knows-no-module',
      comment: 'platform/ is cross-cutting: it never imports a module (app.ts and the module list wire them).',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/(modules/|schema\\.ts$)' },
    },
    {
      name: 'modules-through-index',
      comment: "A module uses another module only through that module's public index.ts.",
      severity: 'warn',
      from: { path: '^src/modules/([^/]+)/', pathNot: '\\.schema\\.ts$' },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'schema-imports-schema-only',
      comment: "A module's schema may import another module's schema (foreign keys), nothing else of it.",
      severity: 'warn',
      from: { path: '^src/modules/([^/]+)/.+\\.schema\\.ts$' },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/$1/', '\\.schema\\.ts$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.test\\.tsx?$' },
  },
};
