import { error, fail, redirect } from '@sveltejs/kit';
import { datePartsFrom, dateFieldError, readDateEntry } from '$lib/domain/date-entry';
import { fieldErrorsFromIssues, type FieldError } from '$lib/domain/field-error';
import { isId } from '$lib/domain/id';
import { ukIsoDay } from '$lib/domain/uk-time';
import { AssessmentFields, STAGE_COUNT, StagesFields, ThemeStageDescriptions } from '$lib/domain/progression';
import { audit } from './auth/audit';
import type { PersonCaller } from './auth/guard';
import { readForm } from './form-data';
import type { Store } from './store';
import type { ProgressionRefusal } from './store/progression-queries';

/**
 * The progression framework's forms (issue 15, point 4): a coordinator's stages and what they
 * mean per theme, and self-assessments. Anchor staff assess for their own organisation only
 * (set on their account by a coordinator); coordinators for any. Every change is in the audit
 * log by ids, stage and date — never the evidence text, which may name people.
 */

export const FIELD = {
  stage: 'assess-stage',
  evidence: 'assess-evidence',
  assessedOn: 'assess-date'
} as const;

const text = (form: FormData, name: string, max: number) => {
  const value = form.get(name);
  return typeof value === 'string' ? value.slice(0, max) : '';
};

const positions = Array.from({ length: STAGE_COUNT.max }, (_, i) => i + 1);

// Stages -------------------------------------------------------------------------------------

/** The stages form as typed: a name and description per row (bounded), to show again with a refusal. */
export function typedStages(form: FormData) {
  return positions.map((p) => ({ name: text(form, `name-${p}`, 400), description: text(form, `description-${p}`, 1000) }));
}

/**
 * Reads the stages form. Empty rows at the end are no stage (so a stage is removed by emptying
 * the last row); an empty row between stages is a mistake, since positions are what assessments keep.
 */
export function readStagesForm(form: FormData) {
  const typed = typedStages(form);
  let count = typed.length;
  while (count > 0 && typed[count - 1].name.trim() === '' && typed[count - 1].description.trim() === '') count -= 1;
  const rows = typed.slice(0, count);
  const parsed = StagesFields.safeParse(rows);
  if (parsed.success) return { ok: true as const, value: parsed.data };
  const errors = fieldErrorsFromIssues(parsed.error.issues, (path) =>
    typeof path[0] === 'number' ? `stage-${path[1] === 'description' ? 'description' : 'name'}-${path[0] + 1}` : 'stage-name-1'
  );
  return { ok: false as const, errors };
}

export async function saveStagesAction(store: Store, caller: PersonCaller, request: Request) {
  const form = await readForm(request);
  const checked = readStagesForm(form);
  if (!checked.ok) return fail(400, { section: 'stages' as const, errors: checked.errors, stages: typedStages(form) });
  const saved = await store.progression.saveStages(caller.network.id, checked.value);
  if (!saved.ok) {
    const message = `“${saved.stage}” cannot be removed: organisations have assessed themselves at it. Keep it, or rename it.`;
    return fail(409, { section: 'stages' as const, errors: [{ field: 'stage-name-1', message }], stages: typedStages(form) });
  }
  await audit(store, caller, 'progression-stages-changed', 'Progression stages', { stages: checked.value.length, names: checked.value.map((s) => s.name).join(' / ') });
  return { section: 'stages' as const, saved: 'Stages saved.' };
}

// What stages mean per theme -------------------------------------------------------------------

export async function saveMeaningsAction(store: Store, caller: PersonCaller, request: Request) {
  const form = await readForm(request);
  const themeId = text(form, 'themeId', 40);
  const typed = positions.map((p) => ({ position: p, text: text(form, `meaning-${p}`, 2000) })).filter((d) => form.has(`meaning-${d.position}`));
  const parsed = ThemeStageDescriptions.safeParse({ themeId, descriptions: typed });
  if (!parsed.success) {
    const errors = fieldErrorsFromIssues(parsed.error.issues, (path) =>
      path[0] === 'descriptions' && typeof path[1] === 'number' ? `meaning-${themeId}-${typed[path[1]]?.position ?? 1}` : `meaning-${themeId}-1`
    );
    return fail(400, { section: 'meanings' as const, themeId, errors, meanings: typed });
  }
  const saved = await store.progression.saveThemeStageDescriptions(caller.network.id, parsed.data);
  if (!saved.ok) {
    const message = saved.reason === 'unknown-theme' ? 'That theme is no longer the network’s. Reload the page.' : 'The stages have changed since the page was opened. Reload the page.';
    return fail(409, { section: 'meanings' as const, themeId, errors: [{ field: `meaning-${themeId}-1`, message }], meanings: typed });
  }
  await audit(store, caller, 'progression-descriptions-changed', 'What progression stages mean for a theme', { theme: themeId, written: parsed.data.descriptions.filter((d) => d.text !== '').length });
  return { section: 'meanings' as const, themeId, saved: 'Saved what the stages mean for this theme.' };
}

// Self-assessments -----------------------------------------------------------------------------

/** Anchor staff with no organisation on their account cannot assess; coordinators assess for any. */
export const mayAssess = (caller: PersonCaller): boolean =>
  caller.person.role === 'coordinator' || (caller.person.role === 'staff' && caller.person.organisationId !== null);

export function typedAssessment(form: FormData) {
  return {
    organisationId: text(form, 'organisationId', 40),
    themeId: text(form, 'themeId', 40),
    stage: text(form, 'stage', 4),
    evidence: text(form, 'evidence', 4000),
    assessedOn: datePartsFrom(form, 'assessedOn')
  };
}

const REFUSALS: Record<ProgressionRefusal, FieldError> = {
  'unknown-organisation': { field: FIELD.stage, message: 'Choose one of the network’s organisations' },
  'unknown-theme': { field: FIELD.stage, message: 'That theme is no longer the network’s. Go back to the list of themes.' },
  'unknown-stage': { field: FIELD.stage, message: 'That stage is no longer the network’s. Reload the page and choose again.' },
  'stage-in-use': { field: FIELD.stage, message: 'Reload the page and choose again.' }
};

export async function assessAction(store: Store, caller: PersonCaller, request: Request) {
  const form = await readForm(request);
  const typed = typedAssessment(form);
  if (!mayAssess(caller)) {
    return fail(409, { errors: [{ field: FIELD.stage, message: 'Your account has no organisation, so you cannot assess for one. Ask your coordinator to set your organisation.' }], values: typed });
  }
  // Anchor staff assess only for their own organisation: a form naming another is refused whole.
  if (caller.person.role !== 'coordinator' && typed.organisationId !== caller.person.organisationId) {
    error(403, 'You can assess only for your own organisation.');
  }
  const errors: FieldError[] = [];
  const date = readDateEntry(typed.assessedOn, { label: 'The date you assessed', whenEmpty: 'Enter the date you assessed' });
  const parsed = AssessmentFields.safeParse({ ...typed, stage: Number(typed.stage || 'NaN'), assessedOn: date.ok ? date.value : '2000-01-01' });
  if (!parsed.success) {
    const fieldOf = (path: PropertyKey[]) => FIELD[String(path[0]) as keyof typeof FIELD] ?? FIELD.stage;
    errors.push(...fieldErrorsFromIssues(parsed.error.issues, fieldOf));
  }
  if (!date.ok) errors.push(dateFieldError(FIELD.assessedOn, date));
  // An assessment says where an organisation is, so it cannot be dated after today (UK day).
  else if (date.value !== null && date.value > ukIsoDay(new Date())) {
    errors.push({ field: `${FIELD.assessedOn}-day`, message: 'The date you assessed must be today or in the past', parts: ['day', 'month', 'year'] });
  }
  if (errors.length > 0 || !parsed.success) return fail(400, { errors, values: typed });
  const written = await store.progression.addAssessment(caller.network.id, parsed.data, { id: caller.person.id, name: caller.person.name });
  if (!written.ok) return fail(400, { errors: [REFUSALS[written.reason]], values: typed });
  await audit(store, caller, 'progression-assessed', `Progression self-assessment ${written.id}`, {
    organisation: parsed.data.organisationId,
    theme: parsed.data.themeId,
    stage: parsed.data.stage,
    assessedOn: parsed.data.assessedOn
  });
  redirect(303, `/progression/assess?organisation=${parsed.data.organisationId}&theme=${parsed.data.themeId}&saved=1`);
}

/**
 * The self-assessment page: the organisation (a coordinator's choice, staff's own), its current
 * stage per theme, and for a chosen theme the form and that theme's history.
 */
export async function assessPage(store: Store, caller: PersonCaller, params: URLSearchParams) {
  const reference = await store.getReferenceData();
  if (!reference) error(409, 'The network has not been set up yet.');
  const asked = params.get('organisation');
  const organisations = caller.person.role === 'coordinator' ? reference.organisations : reference.organisations.filter((o) => o.id === caller.person.organisationId);
  const organisation = caller.person.role === 'coordinator' ? (organisations.find((o) => isId(asked) && o.id === asked) ?? null) : (organisations[0] ?? null);
  const themeParam = params.get('theme');
  const theme = reference.themes.find((t) => isId(themeParam) && t.id === themeParam) ?? null;
  const [stages, meanings, history] = await Promise.all([
    store.progression.stages(caller.network.id),
    theme ? store.progression.themeStageDescriptions(caller.network.id) : Promise.resolve({} as Record<string, Record<number, string>>),
    organisation ? store.progression.assessments(caller.network.id, { organisationId: organisation.id }) : Promise.resolve([])
  ]);
  return {
    mayAssess: mayAssess(caller),
    chooseOrganisation: caller.person.role === 'coordinator',
    organisations,
    organisation,
    themes: reference.themes.map((t) => ({ ...t, current: history.find((a) => a.themeId === t.id && a.current) ?? null })),
    theme,
    stages: stages.map((s) => ({ ...s, meaning: theme ? (meanings[theme.id]?.[s.position] ?? '') : '' })),
    history: theme ? history.filter((a) => a.themeId === theme.id) : [],
    saved: params.has('saved')
  };
}
