// The Chair's Summary's publishing page, the event's (shared/publishing-subject.views.tsx) for the summary's own
// revisions: the state of its latest revision, its text with the pre-publish check's findings marked in place (accept
// each with a reason), and the workflow's steps as forms.
import { original } from '../../../platform/i18n/text.ts';
import { ContentVersions } from '../../publishing/index.ts';
import {
  SubjectPublicationPage,
  type SubjectPageProps,
  type VersionsProps,
} from '../shared/publishing-subject.views.tsx';
import type { SummaryText } from './summary-publication.service.ts';

function SummaryVersions({ ctx, text, findings, ...rest }: VersionsProps<SummaryText>) {
  const { t } = ctx;
  const texts = {
    conclusions: text.conclusions.length ? original(text.language, text.conclusions.join('\n')) : {},
    recommendations: text.recommendations.length ? original(text.language, text.recommendations.join('\n')) : {},
  };
  return (
    <ContentVersions
      ctx={ctx}
      texts={texts}
      fields={[
        { name: 'conclusions', block: true, label: t('events.outputs.conclusions') },
        { name: 'recommendations', block: true, label: t('events.outputs.recommendations') },
      ]}
      classPrefix="summary"
      checked={texts}
      labels={{ conclusions: t('events.outputs.conclusions'), recommendations: t('events.outputs.recommendations') }}
      findings={findings}
      {...rest}
    />
  );
}

export function SummaryPublicationPage(props: SubjectPageProps<SummaryText>) {
  const slug = props.p.event.slug;
  return (
    <SubjectPublicationPage
      {...props}
      keys="events.summaryPublication"
      base={`/events/${slug}/summary/publishing`}
      up={{ href: `/events/${slug}/summary`, label: props.ctx.t('events.outputs.summary') }}
      edit={`/events/${slug}/summary`}
      Versions={SummaryVersions}
      empty={<p id="summary-empty">{props.ctx.t('events.summaryPublication.empty')}</p>}
      previewUnrevised
    />
  );
}
