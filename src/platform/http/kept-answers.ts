// Answers kept in this process for signed-in readers of data that rarely changes and is the same for a whole class
// of readers (the directory's list: what `visibleTo` lets a reader see depends on their role and organizations only).
// A route keeps the serialized answer under a key naming the reader's class and the request — or keeps data a whole
// class of readers shares and adds each reader's own to it (an event's page: `value`); everything kept in a set is
// dropped at once when
//  - a database trigger announces a change of its tables on the change channel (its topic: whatever process, job or
//    command made the change, within milliseconds of the commit),
//  - any state-changing request of this process has answered (so a writer reading back through the same process
//    sees its change at once),
//  - the channel stops or starts listening (changes may have been missed: nothing kept from before is served), and
//    nothing is kept while it does not listen.
// Authorization runs before the handler as for every route; the kept answer replaces only the reading and the
// serialization, never the access check. Off when config.keptAnswerSeconds is 0 (tests, unless they turn it on).
// docs/architecture.md, "Several processes".
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    /** A set of kept answers, dropped whenever the change channel announces `topic` (see kept-answers.ts). */
    keptAnswers(topic: string): KeptAnswers;
  }
}

export interface KeptAnswers {
  /** The kept answer for `key`, or what `compute` gives (kept when no change was heard meanwhile), as UTF-8 bytes
   * (kept encoded: a hit is sent without encoding it again). */
  answer(key: string, compute: () => Promise<string>): Promise<Buffer>;
  /** The kept value for `key`, or what `compute` gives, kept alike: data a whole class of readers gets alike, which a
   * route combines with each reader's own (an event's page). Kept values are shared: never modify one (a memo of what
   * it renders to, such as an event page's shared parts, may be added to as pages render). */
  value<T>(key: string, compute: () => Promise<T>): Promise<T>;
  /** How many answers are kept (tests). */
  readonly size: number;
}

const MAX_KEPT = 500;
const changing = (req: FastifyRequest) => req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS';

async function keptAnswersPlugin(app: FastifyInstance) {
  const { config, changes } = app.platform;
  const drops = new Set<() => void>();
  // One hook at the root: a state-changing request of this process, whatever its route, drops every set.
  app.addHook('onResponse', async (req) => {
    if (changing(req)) for (const drop of drops) drop();
  });
  app.decorate('keptAnswers', (topic: string): KeptAnswers => {
    const kept = new Map<string, { at: number; value: unknown }>();
    // Counts the drops: an answer computed while one happened may show the old state and is not kept.
    let dropped = 0;
    const drop = () => {
      dropped++;
      kept.clear();
    };
    drops.add(drop);
    changes.subscribe(topic, drop);
    changes.onState(drop);
    const value = async <T>(key: string, compute: () => Promise<T>): Promise<T> => {
      const seconds = config.keptAnswerSeconds;
      if (!seconds || !changes.live) return compute();
      const hit = kept.get(key);
      if (hit && Date.now() - hit.at <= seconds * 1000) return hit.value as T;
      const before = dropped;
      const v = await compute();
      if (before === dropped) {
        if (kept.size >= MAX_KEPT) kept.clear();
        kept.set(key, { at: Date.now(), value: v });
      }
      return v;
    };
    return {
      answer: (key, compute) => value(key, async () => Buffer.from(await compute())),
      value,
      get size() {
        return kept.size;
      },
    };
  });
}

export default fp(keptAnswersPlugin, { name: 'ctcp-kept-answers' });
