// Route schemas compiled when a route is first used, not all at start. Fastify compiles the validator and the
// serializer of every route before it listens (ajv and fast-json-stringify: about a third of the CPU of a start on an
// existing data directory, ~600 routes); these compilers hand Fastify a function that compiles its schema on the
// first call instead, and warmSchemas compiles the rest in small steps once the server listens, so the first
// request of a route rarely pays for it and a schema that does not compile still shows in the log at start.
import { AjvCompiler } from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type Compile = (routeSchema: unknown) => (data: unknown) => unknown;
type Builder = (externalSchemas: unknown, options: unknown) => Compile;

const pending = new Set<() => unknown>();

/** A compiler whose functions compile on first use (or when warmSchemas reaches them). `errors` is ajv's. */
function lazyBuilder(build: Builder): Builder {
  return (externalSchemas, options) => {
    const compile = build(externalSchemas, options);
    return (routeSchema) => {
      let fn: ((data: unknown) => unknown) | undefined;
      const ready = () => {
        if (!fn) {
          fn = compile(routeSchema);
          pending.delete(ready);
        }
        return fn;
      };
      pending.add(ready);
      const lazy = (data: unknown) => ready()(data);
      Object.defineProperty(lazy, 'errors', { get: () => (fn as { errors?: unknown } | undefined)?.errors });
      return lazy;
    };
  };
}

/** The `schemaController` option of Fastify: ajv and fast-json-stringify as by default, compiled lazily. */
export function lazySchemaController(): FastifyServerOptions['schemaController'] {
  // Cast: Fastify types the compiled function as ajv's ValidateFunction; Fastify itself only calls it and reads
  // `errors`, which the lazy function forwards.
  return {
    compilersFactory: {
      buildValidator: lazyBuilder(AjvCompiler() as unknown as Builder),
      buildSerializer: lazyBuilder(SerializerSelector() as unknown as Builder),
    },
  } as never;
}

let warmed: Promise<void> = Promise.resolve();

/** Compiles every schema not compiled yet, a few per turn of the event loop; errors go to onError. */
export function warmSchemas(onError: (err: unknown) => void): void {
  let done = () => {};
  warmed = new Promise((r) => {
    done = r;
  });
  const step = () => {
    const started = performance.now();
    for (const ready of pending) {
      try {
        ready();
      } catch (err) {
        pending.delete(ready);
        onError(err);
      }
      if (performance.now() - started > 10) break;
    }
    if (pending.size) setImmediate(step);
    else done();
  };
  setImmediate(step);
}

/** Settles when the schemas warmSchemas started on are all compiled (benchmarks wait for it before measuring). */
export const schemasWarmed = () => warmed;
