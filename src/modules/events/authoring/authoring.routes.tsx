// Secretariat authoring pages: the event form in steps with a check-your-answers page (new event, editing), and
// publication. Each step posts every answer to the steps' address, which checks that step's fields and shows the next
// page; the check-your-answers page posts to POST /events or /events/:slug/edit, which save (as they always did for
// a complete form).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { attempt, fieldErrors, formErrors } from '../../../platform/http/forms.ts';
import type { FormErrors } from '../../../platform/views/components.tsx';
import { nameIn } from '../../../platform/i18n/index.ts';
import { organizationChoices } from '../../directory/index.ts';
import { frameworkRecords } from '../../framework/index.ts';
import { managedEvent } from '../shared/events.service.ts';
import { one, type FormValues } from '../shared/forms.ts';
import { Csrf, FormBody, SlugParams } from '../shared/http.ts';
import * as au from './authoring.service.ts';
import { STEPS, type Step, isStep, questionRows, stepOf, withQuestionRows } from './authoring.steps.ts';
import { CheckAnswersPage, EventStepPage } from './authoring.views.tsx';

const NEW_EVENT: FormValues = {
  openTo: ['member_state', 'un_entity', 'regional_org', 'international_org', 'cso', 'academia'],
  waitlist: 'on',
  title_en_status: 'original',
};

export default async function authoringRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.platform;

  const choices = async (req: FastifyRequest) => ({
    orgs: await organizationChoices(ctxOf(req), req.locale),
    weeks: await au.weekOptions(db, req.locale),
  });

  /** One step's page. */
  const stepPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    editing: string | null,
    step: Step,
    values: FormValues,
    review: boolean,
    errors?: FormErrors,
    status = 200,
  ) => {
    // A zone not chosen yet: the one of the country the venue names, when it names one.
    const zoneAsked = Boolean(one(values.timeZone));
    const zoneSuggestion =
      step === 'dates' && !zoneAsked ? await au.venueZone(ctxOf(req), one(values.venue), req.locale) : null;
    const title = editing ? req.t('events.authoring.edit') : req.t('events.authoring.new');
    return reply.page(
      `${title}: ${req.t(`events.steps.${step}`)}`,
      <EventStepPage
        ctx={reply.viewContext()}
        editing={editing}
        step={step}
        values={values}
        errors={errors}
        review={review}
        zoneSuggestion={zoneSuggestion}
        zoneAsked={zoneAsked}
        {...(await choices(req))}
      />,
      status,
    );
  };

  /** The check-your-answers page (with the errors of a save that failed: every one, each step changeable). */
  const checkPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    editing: string | null,
    values: FormValues,
    errors?: FormErrors,
    status = 200,
  ) => {
    const names = Object.fromEntries(frameworkRecords().map((f) => [f.code, nameIn(f.names, req.locale)]));
    const title = editing ? req.t('events.authoring.edit') : req.t('events.authoring.new');
    return reply.page(
      `${title}: ${req.t('events.steps.check')}`,
      <CheckAnswersPage
        ctx={reply.viewContext()}
        editing={editing}
        values={values}
        errors={errors}
        review
        names={names}
        {...(await choices(req))}
      />,
      status,
    );
  };

  /** The answers of a form: the page's own controls (_csrf, _go, _step, _review) left out. */
  const answers = (body: unknown): FormValues =>
    Object.fromEntries(Object.entries((body ?? {}) as FormValues).filter(([k]) => !k.startsWith('_')));

  /**
   * A step's buttons: add or remove a question row (the same step again), go to a step (a "Change" of the
   * check-your-answers page, or Back), or continue: the step's fields are checked, then the next step (or the check
   * page, once seen) follows.
   */
  const steps = async (req: FastifyRequest, reply: FastifyReply, editing: string | null, currentId: string | null) => {
    const body = (req.body ?? {}) as FormValues;
    let values = answers(body);
    const at = one(body._step);
    const step: Step = isStep(at) ? at : 'basics';
    const go = one(body._go) || 'next';
    const review = one(body._review) === '1';
    if (go === 'add' || go.startsWith('remove-')) {
      const rows = questionRows(values);
      const gone = go === 'add' ? -1 : Number(go.slice('remove-'.length));
      if (go === 'add' && rows.length < 20)
        rows.push({ id: '', kind: 'text', label: '', options: '', required: false });
      else if (Number.isInteger(gone) && gone >= 0 && gone < rows.length) rows.splice(gone, 1);
      values = withQuestionRows(values, rows);
      return stepPage(req, reply, editing, 'registration', values, review);
    }
    if (go.startsWith('step-')) {
      const to = go.slice('step-'.length);
      return stepPage(req, reply, editing, isStep(to) ? to : 'basics', values, review);
    }
    if (go === 'back')
      return stepPage(req, reply, editing, STEPS[Math.max(0, STEPS.indexOf(step) - 1)], values, review);
    const fields = await au.stepErrors(ctxOf(req), values, step, currentId);
    if (fields.length) return stepPage(req, reply, editing, step, values, review, fieldErrors(req.t, fields), 422);
    const last = STEPS.indexOf(step) === STEPS.length - 1;
    if (review || last) {
      // Every step is checked before the check page: one left unanswered is shown first.
      const all = await au.stepErrors(ctxOf(req), values, null, currentId);
      const first = STEPS.find((s) => all.some((f) => stepOf(f.field) === s));
      if (first)
        return stepPage(
          req,
          reply,
          editing,
          first,
          values,
          review,
          fieldErrors(
            req.t,
            all.filter((f) => stepOf(f.field) === first),
          ),
          422,
        );
      return checkPage(req, reply, editing, values);
    }
    return stepPage(req, reply, editing, STEPS[STEPS.indexOf(step) + 1], values, review);
  };

  app.get('/events/new', { config: { access: { action: 'event.create' } } }, async (req, reply) =>
    stepPage(req, reply, null, 'basics', NEW_EVENT, false),
  );

  app.post(
    '/events/new',
    { config: { access: { action: 'event.create' } }, schema: { body: FormBody }, attachValidation: true },
    async (req, reply) => {
      const errors = formErrors(req);
      if (errors) return stepPage(req, reply, null, 'basics', answers(req.body), false, errors, 422);
      return steps(req, reply, null, null);
    },
  );

  app.post(
    '/events',
    { config: { access: { action: 'event.create' } }, schema: { body: FormBody }, attachValidation: true },
    async (req, reply) => {
      const values = answers(req.body);
      const errors = formErrors(req);
      if (errors) return checkPage(req, reply, null, values, errors, 422);
      let slug = '';
      const rerendered = await attempt(
        req,
        async () => {
          slug = (await au.createEvent(ctxOf(req), values)).slug;
        },
        (e) => checkPage(req, reply, null, values, e, 422),
      );
      if (rerendered) return reply;
      return reply.flash(req.t('events.authoring.saved')).redirect(`/events/${slug}`, 303);
    },
  );

  app.post(
    '/events/:slug/publish',
    { config: { access: { action: 'event.manage' } }, schema: { params: SlugParams, body: Type.Object(Csrf) } },
    async (req, reply) => {
      const e = await au.publishEvent(ctxOf(req), req.params.slug);
      return reply.flash(req.t('events.published')).redirect(`/events/${e.slug}`, 303);
    },
  );

  app.get(
    '/events/:slug/edit',
    { config: { access: { action: 'event.manage' } }, schema: { params: SlugParams } },
    async (req, reply) => {
      const e = await managedEvent(ctxOf(req), req.params.slug);
      return checkPage(req, reply, e.slug, await au.eventFormValues(ctxOf(req), e));
    },
  );

  app.post(
    '/events/:slug/edit/steps',
    {
      config: { access: { action: 'event.manage' } },
      schema: { params: SlugParams, body: FormBody },
      attachValidation: true,
    },
    async (req, reply) => {
      const e = await managedEvent(ctxOf(req), req.params.slug);
      const errors = formErrors(req);
      if (errors) return stepPage(req, reply, e.slug, 'basics', answers(req.body), true, errors, 422);
      return steps(req, reply, e.slug, e.id);
    },
  );

  app.post(
    '/events/:slug/edit',
    {
      config: { access: { action: 'event.manage' } },
      schema: { params: SlugParams, body: FormBody },
      attachValidation: true,
    },
    async (req, reply) => {
      const values = answers(req.body);
      const errors = formErrors(req);
      if (errors) {
        await managedEvent(ctxOf(req), req.params.slug);
        return checkPage(req, reply, req.params.slug, values, errors, 422);
      }
      let slug = '';
      const rerendered = await attempt(
        req,
        async () => {
          slug = (await au.updateEvent(ctxOf(req), req.params.slug, values)).slug;
        },
        (e) => checkPage(req, reply, req.params.slug, values, e, 422),
      );
      if (rerendered) return reply;
      return reply.flash(req.t('events.authoring.saved')).redirect(`/events/${slug}`, 303);
    },
  );
}
