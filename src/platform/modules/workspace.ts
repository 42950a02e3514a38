// The workspace's registry: every module's `tasks` and `calendarFor` (module.ts). app.ts registers the module list
// (registerWorkspace, as it registers policies and personal data), so platform/ knows no module and the home page,
// the API and the calendar feed ask here without importing the module list (no import circle).
import type { Db } from '../db/client.ts';
import type { CalendarItem, ModuleDefinition, Task, TaskContext } from './module.ts';

type Provider = Pick<ModuleDefinition, 'name' | 'tasks' | 'calendarFor'>;
let providers: readonly Provider[] = [];

/** Called by buildApp with the module list (idempotent). */
export function registerWorkspace(modules: readonly Provider[]): void {
  providers = modules.filter((m) => m.tasks || m.calendarFor);
}

/** Every module's tasks for the person, in module order; tasks with a count of 0 are left out. */
export async function tasksFor(ctx: TaskContext): Promise<(Task & { module: string })[]> {
  const lists = await Promise.all(
    providers.map(async (p) => (p.tasks ? (await p.tasks(ctx)).map((t) => ({ ...t, module: p.name })) : [])),
  );
  return lists.flat().filter((t) => t.count === undefined || t.count > 0);
}

/** Every module's calendar items for the person, by start time (between `from` and `to` when given). */
export async function calendarFor(
  db: Db,
  userId: string,
  range: { from?: Date; to?: Date } = {},
): Promise<CalendarItem[]> {
  const lists = await Promise.all(providers.map((p) => (p.calendarFor ? p.calendarFor(db, userId) : [])));
  return lists
    .flat()
    .filter((i) => (!range.from || i.end >= range.from) && (!range.to || i.start <= range.to))
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}
