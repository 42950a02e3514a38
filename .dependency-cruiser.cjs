// Module boundaries, checked by `npm run lint` (dependency-cruiser). See docs/architecture.md, "Module shape".
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import circles make the load order fragile and the modules inseparable.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'platform-knows-no-module',
      severity: 'error',
      comment:
        'platform/ is cross-cutting and knows no module: modules plug into it through platform/modules/module.ts.',
      from: { path: '^src/platform/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^src/(modules/|schema\\.ts$|seed\\.ts$|app\\.ts$)' },
    },
    {
      name: 'module-public-interface',
      severity: 'error',
      comment: "A module uses another module only through that module's index.ts (schema files: see the next rule).",
      from: { path: '^src/modules/([^/]+)/', pathNot: '\\.schema\\.ts$' },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'schema-references-schema-only',
      severity: 'error',
      comment: "A table may reference another module's table (foreign key): a schema file imports schema files only.",
      from: { path: '^src/modules/([^/]+)/.*\\.schema\\.ts$' },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/$1/', '\\.schema\\.ts$'] },
    },
    {
      name: 'api-not-pages',
      severity: 'error',
      comment: 'JSON API files never import page routes or views; what both need lives in a service or a shared file.',
      from: { path: '\\.api\\.ts$' },
      to: { path: '\\.(routes|views)\\.tsx$' },
    },
    {
      name: 'routes-call-services',
      severity: 'error',
      comment:
        'Route files parse input, call a service and render: no query builder and no database handle (they may ' +
        "import a schema file's constants, such as the values of an enum).",
      from: { path: '\\.(routes\\.tsx|api\\.ts)$' },
      to: { path: ['^node_modules/drizzle-orm/', '^src/platform/db/client\\.ts$'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'views-render-only',
      severity: 'error',
      comment:
        'Views render what they are given: no service, no database, no routes ' +
        "(types and a schema's constants are fine).",
      from: { path: '\\.views\\.tsx$' },
      to: {
        path: ['\\.(service|routes|api)\\.tsx?$', '^node_modules/drizzle-orm/', '^src/platform/db/'],
        dependencyTypesNot: ['type-only'],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
