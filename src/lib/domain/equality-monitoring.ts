import * as z from 'zod/mini';

/**
 * Optional equality-monitoring questions, with the answer categories of the 2021 Census for
 * England (ONS). Every question can be answered "Prefer not to say" or left unasked.
 */
export const PREFER_NOT_TO_SAY = 'prefer-not-to-say';

interface Option {
  value: string;
  label: string;
  group?: string;
}

function question(label: string, options: Option[]) {
  const all: Option[] = [...options, { value: PREFER_NOT_TO_SAY, label: 'Prefer not to say' }];
  return { label, options: all, schema: z.enum(all.map((o) => o.value) as [string, ...string[]]) };
}

export const EQUALITY_QUESTIONS = {
  ageBand: question('Age', [
    { value: 'under-16', label: 'Under 16' },
    { value: '16-24', label: '16 to 24' },
    { value: '25-34', label: '25 to 34' },
    { value: '35-44', label: '35 to 44' },
    { value: '45-54', label: '45 to 54' },
    { value: '55-64', label: '55 to 64' },
    { value: '65-74', label: '65 to 74' },
    { value: '75-plus', label: '75 and over' }
  ]),
  sex: question('Sex', [
    { value: 'female', label: 'Female' },
    { value: 'male', label: 'Male' }
  ]),
  genderIdentity: question('Is the gender they identify with the same as their sex registered at birth?', [
    { value: 'same', label: 'Yes' },
    { value: 'different', label: 'No' }
  ]),
  ethnicity: question('Ethnic group', [
    { group: 'Asian, Asian British or Asian Welsh', value: 'asian-bangladeshi', label: 'Bangladeshi' },
    { group: 'Asian, Asian British or Asian Welsh', value: 'asian-chinese', label: 'Chinese' },
    { group: 'Asian, Asian British or Asian Welsh', value: 'asian-indian', label: 'Indian' },
    { group: 'Asian, Asian British or Asian Welsh', value: 'asian-pakistani', label: 'Pakistani' },
    { group: 'Asian, Asian British or Asian Welsh', value: 'asian-other', label: 'Any other Asian background' },
    { group: 'Black, Black British, Black Welsh, Caribbean or African', value: 'black-african', label: 'African' },
    { group: 'Black, Black British, Black Welsh, Caribbean or African', value: 'black-caribbean', label: 'Caribbean' },
    { group: 'Black, Black British, Black Welsh, Caribbean or African', value: 'black-other', label: 'Any other Black, Black British or Caribbean background' },
    { group: 'Mixed or Multiple ethnic groups', value: 'mixed-white-asian', label: 'White and Asian' },
    { group: 'Mixed or Multiple ethnic groups', value: 'mixed-white-black-african', label: 'White and Black African' },
    { group: 'Mixed or Multiple ethnic groups', value: 'mixed-white-black-caribbean', label: 'White and Black Caribbean' },
    { group: 'Mixed or Multiple ethnic groups', value: 'mixed-other', label: 'Any other Mixed or Multiple ethnic background' },
    { group: 'White', value: 'white-british', label: 'English, Welsh, Scottish, Northern Irish or British' },
    { group: 'White', value: 'white-irish', label: 'Irish' },
    { group: 'White', value: 'white-gypsy-irish-traveller', label: 'Gypsy or Irish Traveller' },
    { group: 'White', value: 'white-roma', label: 'Roma' },
    { group: 'White', value: 'white-other', label: 'Any other White background' },
    { group: 'Other ethnic group', value: 'other-arab', label: 'Arab' },
    { group: 'Other ethnic group', value: 'other-any', label: 'Any other ethnic group' }
  ]),
  disability: question(
    'Are their day-to-day activities limited by a health problem or disability lasting, or expected to last, 12 months or more?',
    [
      { value: 'limited-a-lot', label: 'Yes, limited a lot' },
      { value: 'limited-a-little', label: 'Yes, limited a little' },
      { value: 'no', label: 'No' }
    ]
  ),
  carer: question(
    'Do they look after, or give help or support to, anyone because of long-term health conditions or problems related to old age?',
    [
      { value: 'no', label: 'No' },
      { value: 'up-to-9-hours', label: 'Yes, 9 hours a week or less' },
      { value: '10-to-19-hours', label: 'Yes, 10 to 19 hours a week' },
      { value: '20-to-34-hours', label: 'Yes, 20 to 34 hours a week' },
      { value: '35-to-49-hours', label: 'Yes, 35 to 49 hours a week' },
      { value: '50-plus-hours', label: 'Yes, 50 or more hours a week' }
    ]
  )
} as const;

export type EqualityQuestion = keyof typeof EQUALITY_QUESTIONS;

/** Answers given, question by question; a question not asked is absent. */
export const EqualityAnswers = z.partial(
  z.strictObject({
    ageBand: EQUALITY_QUESTIONS.ageBand.schema,
    sex: EQUALITY_QUESTIONS.sex.schema,
    genderIdentity: EQUALITY_QUESTIONS.genderIdentity.schema,
    ethnicity: EQUALITY_QUESTIONS.ethnicity.schema,
    disability: EQUALITY_QUESTIONS.disability.schema,
    carer: EQUALITY_QUESTIONS.carer.schema
  })
);
export type EqualityAnswers = z.infer<typeof EqualityAnswers>;
