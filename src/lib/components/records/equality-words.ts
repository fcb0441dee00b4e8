import { EQUALITY_QUESTIONS, type EqualityAnswers, type EqualityQuestion } from '$lib/domain/equality-monitoring';

/** Short names for the equality questions, for reading a record (the form asks them in full). */
const SHORT_NAMES: Record<EqualityQuestion, string> = {
  ageBand: 'Age',
  sex: 'Sex',
  genderIdentity: 'Gender the same as sex registered at birth',
  ethnicity: 'Ethnic group',
  disability: 'Day-to-day activities limited by health or disability',
  carer: 'Gives unpaid care'
};

/** The answers given, question by question in the form's order, in words. */
export function equalityInWords(answers: EqualityAnswers): { question: string; answer: string }[] {
  return (Object.keys(EQUALITY_QUESTIONS) as EqualityQuestion[]).flatMap((key) => {
    const value = answers[key];
    if (value === undefined) return [];
    const option = EQUALITY_QUESTIONS[key].options.find((o) => o.value === value);
    const answer = option ? ('group' in option && option.group ? `${option.group}: ${option.label}` : option.label) : value;
    return [{ question: SHORT_NAMES[key], answer }];
  });
}
