// The signed-in home page (the workspace), the notifications page and the calendar-feed page.
import type { ViewContext } from '../../platform/views/context.ts';
import { EmptyState, Pagination, PostForm } from '../../platform/views/components.tsx';
import { formatDate, formatNumber, nameIn } from '../../platform/i18n/index.ts';
import type { Notification } from '../../platform/notify/notify.service.ts';
import type { CalendarItem, Task } from '../../platform/modules/module.ts';
import type { FeedToken } from '../../platform/calendar/feed.service.ts';

export interface WorkspaceData {
  tasks: (Task & { module: string })[];
  upcoming: CalendarItem[];
  notifications: { items: Notification[]; total: number; unread: number };
}

function TaskList({ ctx, tasks }: { ctx: ViewContext; tasks: WorkspaceData['tasks'] }) {
  const { t, locale, timeZone } = ctx;
  if (!tasks.length) return <EmptyState>{t('home.tasksEmpty')}</EmptyState>;
  return (
    <ul class="workspace-list" data-testid="tasks">
      {tasks.map((task) => (
        <li data-kind={task.kind}>
          <a href={task.url}>{t(task.titleKey, { ...task.values, count: task.count ?? 1 })}</a>
          {task.badge ? <span class={`badge ${task.badge.kind}`}>{t(task.badge.labelKey)}</span> : null}
          {task.count !== undefined ? (
            <span class="badge" aria-hidden="true">
              {formatNumber(locale, task.count)}
            </span>
          ) : null}
          {task.due ? (
            <span class="meta">{t('home.due', { date: formatDate(locale, task.due, timeZone) })}</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** A notification's message in the reader's language, with its link opened through POST (marks it read). */
function NotificationItem({ ctx, n, actions }: { ctx: ViewContext; n: Notification; actions?: boolean }) {
  const { t, locale, timeZone } = ctx;
  const unread = !n.readAt && !n.resolvedAt;
  const message = t(n.messageKey, n.values);
  return (
    <li class={unread ? 'unread' : undefined} data-testid="notification" data-kind={n.kind}>
      <div class="notification-text">
        {unread ? <span class="visually-hidden">{t('notifications.unread')}: </span> : null}
        {n.url ? (
          <PostForm ctx={ctx} action={`/notifications/${n.id}/open`} class="inline">
            <button type="submit" class="link">
              {unread ? <strong>{message}</strong> : message}
            </button>
          </PostForm>
        ) : unread ? (
          <strong>{message}</strong>
        ) : (
          message
        )}
        <span class="meta">
          <time dateTime={n.createdAt.toISOString()}>{formatDate(locale, n.createdAt, timeZone)}</time>
          {n.resolvedAt ? ` · ${t('notifications.resolved')}` : ''}
        </span>
      </div>
      {actions && unread ? (
        <PostForm ctx={ctx} action={`/notifications/${n.id}/read`} class="inline">
          <button type="submit" class="secondary">
            {t('notifications.markRead')}
            <span class="visually-hidden">: {message}</span>
          </button>
        </PostForm>
      ) : null}
    </li>
  );
}

export function WorkspaceHome({ ctx, data }: { ctx: ViewContext; data: WorkspaceData }) {
  const { t, locale, timeZone } = ctx;
  return (
    <section class="workspace">
      <h1>{t('home.workspaceTitle')}</h1>
      <section aria-labelledby="ws-tasks">
        <h2 id="ws-tasks">{t('home.waiting')}</h2>
        <TaskList ctx={ctx} tasks={data.tasks} />
      </section>
      <section aria-labelledby="ws-upcoming">
        <h2 id="ws-upcoming">{t('home.upcoming')}</h2>
        {data.upcoming.length ? (
          <ul class="workspace-list" data-testid="upcoming">
            {data.upcoming.map((i) => (
              <li>
                {i.url ? (
                  <a href={i.url}>{typeof i.title === 'string' ? i.title : nameIn(i.title, locale)}</a>
                ) : (
                  <span>{typeof i.title === 'string' ? i.title : nameIn(i.title, locale)}</span>
                )}
                <span class="meta">
                  <time dateTime={i.start.toISOString()}>
                    {formatDate(locale, i.start, i.timeZone ?? timeZone, !i.allDay)}
                  </time>
                  {i.kindKey ? ` · ${t(i.kindKey)}` : ''}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState>{t('home.upcomingEmpty')}</EmptyState>
        )}
        <p>
          <a href="/events">{t('home.allEvents')}</a> · <a href="/account/calendar">{t('feed.title')}</a>
        </p>
      </section>
      <section aria-labelledby="ws-notifications">
        <h2 id="ws-notifications">{t('notifications.title')}</h2>
        {data.notifications.items.length ? (
          <ul class="notification-list">
            {data.notifications.items.map((n) => (
              <NotificationItem ctx={ctx} n={n} />
            ))}
          </ul>
        ) : (
          <EmptyState>{t('notifications.empty')}</EmptyState>
        )}
        <p>
          <a href="/notifications">{t('notifications.all', { count: data.notifications.total })}</a>
        </p>
      </section>
    </section>
  );
}

export function NotificationsPage({
  ctx,
  items,
  total,
  unread,
  page,
  pageSize,
}: {
  ctx: ViewContext;
  items: Notification[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}) {
  const { t } = ctx;
  return (
    <section class="workspace">
      <h1>{t('notifications.title')}</h1>
      <p>{t('notifications.unreadCount', { count: unread })}</p>
      {unread ? (
        <PostForm ctx={ctx} action="/notifications/read-all">
          <button type="submit">{t('notifications.markAllRead')}</button>
        </PostForm>
      ) : null}
      {items.length ? (
        <ul class="notification-list">
          {items.map((n) => (
            <NotificationItem ctx={ctx} n={n} actions />
          ))}
        </ul>
      ) : (
        <EmptyState>{t('notifications.empty')}</EmptyState>
      )}
      {total > pageSize ? <Pagination ctx={ctx} page={page} pageSize={pageSize} total={total} baseQuery={{}} /> : null}
    </section>
  );
}

export function FeedPage({
  ctx,
  token,
  created,
  baseUrl,
}: {
  ctx: ViewContext;
  token: FeedToken | null;
  created?: string;
  baseUrl: string;
}) {
  const { t, locale, timeZone } = ctx;
  return (
    <section class="workspace">
      <h1>{t('feed.title')}</h1>
      <p>{t('feed.intro')}</p>
      {created ? (
        <div class="notice" role="status">
          <p>{t('feed.createdOnce')}</p>
          <code data-testid="feed-url" dir="ltr" class="break">
            {`${baseUrl}/calendar/${created}.ics`}
          </code>
        </div>
      ) : null}
      {token ? (
        <>
          <p>
            {t('feed.live', { prefix: token.prefix, date: formatDate(locale, token.createdAt, timeZone) })}{' '}
            {token.lastUsedAt ? t('feed.lastUsed', { date: formatDate(locale, token.lastUsedAt, timeZone) }) : ''}
          </p>
          <p>
            <a class="button secondary danger" href="/account/calendar/revoke">
              {t('feed.revoke')}
            </a>
          </p>
        </>
      ) : (
        <EmptyState>{t('feed.none')}</EmptyState>
      )}
      <PostForm ctx={ctx} action="/account/calendar">
        <p>{token ? t('feed.replaceHint') : t('feed.createHint')}</p>
        <button type="submit">{token ? t('feed.replace') : t('feed.create')}</button>
      </PostForm>
      <p>
        <a href="/account">{t('account.title')}</a>
      </p>
    </section>
  );
}
