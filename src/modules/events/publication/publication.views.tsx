// The event's publishing page (shared/publishing-subject.views.tsx): the state of its public text's latest revision,
// every language version with the pre-publish check's findings marked in place (accept each with a reason), and the
// workflow's steps as forms, withdrawal included.
import { MarkedText, type CheckedTexts } from '../../../platform/integrity/integrity.views.tsx';
import { ContentVersions } from '../../publishing/index.ts';
import {
  SubjectPublicationPage,
  type SubjectPageProps,
  type VersionsProps,
} from '../shared/publishing-subject.views.tsx';
import type { EventText } from './publication.service.ts';

const checkedTexts = (c: EventText): CheckedTexts => ({
  title: c.title,
  summary: c.summary,
  description: c.description,
  venue: c.venue,
});

function LanguageVersions({ ctx, text, findings, ...rest }: VersionsProps<EventText>) {
  const { t } = ctx;
  return (
    <ContentVersions
      ctx={ctx}
      texts={{ title: text.title, summary: text.summary, description: text.description }}
      fields={[{ name: 'title' }, { name: 'summary' }, { name: 'description', block: true }]}
      classPrefix="event"
      checked={checkedTexts(text)}
      labels={{
        title: t('events.publication.field.title'),
        summary: t('events.publication.field.summary'),
        description: t('events.publication.field.description'),
        venue: t('events.venue'),
      }}
      findings={findings}
      {...rest}
    >
      {text.venue ? (
        <p id="version-venue">
          {t('events.venue')}:{' '}
          <bdi>
            <MarkedText text={text.venue} findings={findings.filter((f) => f.field === 'venue')} />
          </bdi>
        </p>
      ) : null}
    </ContentVersions>
  );
}

export function PublicationPage(props: SubjectPageProps<EventText>) {
  const slug = props.p.event.slug;
  return (
    <SubjectPublicationPage
      {...props}
      keys="events.publication"
      base={`/events/${slug}/publishing`}
      up={{ href: `/events/${slug}/manage`, label: props.ctx.t('events.manage.title') }}
      edit={`/events/${slug}/edit`}
      Versions={LanguageVersions}
    />
  );
}
