// Route schemas compiled when a route is first used, not all at start. Fastify compiles the validator and the
// serializer of every route before it listens (ajv and fast-json-stringify: about a third of the CPU of a start on an
// existing data directory, ~600 routes); these compilers hand Fastify a function that compiles its schema on the
// first call instead, and `warm` compiles the rest in small steps once the server listens, so the first
// request of a route rarely pays for it and a schema that does not compile still shows in the log at start.
import { AjvCompiler } from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type Compile = (routeSchema: unknown) => (data: unknown) => unknown;
type Builder = (externalSchemas: unknown, options: unknown) => Compile;

type Pending = Set<() => unknown>;

/** A compiler whose functions compile on first use (or when warm reaches them). `errors` is ajv's. */
function lazyBuilder(build: Builder, pending: Pending): Builder {
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

let warmed: Promise<void> = Promise.resolve();

/**
 * The `schemaController` option of Fastify (ajv and fast-json-stringify as by default, compiled lazily) and `warm`,
 * which compiles every schema of this app not compiled yet, a few per turn of the event loop (errors to onError).
 * One per app: an app that is dropped takes its pending schemas with it.
 */
export function lazySchemas(): {
  schemaController: FastifyServerOptions['schemaController'];
  warm: (onError: (err: unknown) => void) => void;
} {
  const pending: Pending = new Set();
  // Cast: Fastify types the compiled function as ajv's ValidateFunction; Fastify itself only calls it and reads
  // `errors`, which the lazy function forwards.
  const schemaController = {
    compilersFactory: {
      buildValidator: lazyBuilder(AjvCompiler() as unknown as Builder, pending),
      buildSerializer: lazyBuilder(SerializerSelector() as unknown as Builder, pending),
    },
  } as never;
  const warm = (onError: (err: unknown) => void) => {
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
  };
  return { schemaController, warm };
}

/** Settles when the schemas the last warm started on are all compiled (benchmarks wait for it before measuring). */
export const schemasWarmed = () => warmed;
