// Public interface of the compact module: the working groups of the Global Counter-Terrorism Coordination Compact.
import { defineModule } from '../../platform/modules/module.ts';
import { seedCompact } from './compact.seed.ts';

export * from './compact.service.ts';

export const module = defineModule({
  name: 'compact',
  seed: ({ db, demo }) => seedCompact(db, { demo }),
});
