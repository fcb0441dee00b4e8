import { uuidv7 } from 'uuidv7';
import { Conversation } from '$lib/domain/conversation';

export interface FieldError {
  field: string;
  message: string;
}

/** Which form field shows a problem with each part of a conversation. */
const FIELD_OF: Record<string, string> = {
  wardCode: 'ward',
  loves: 'loves',
  wouldChange: 'would-change',
  quotes: 'quote',
  themeIds: 'themes',
  consentToRecord: 'consent'
};

/** The capture form's values, and their check before saving. */
export class CaptureForm {
  wardCode = $state('');
  loves = $state('');
  wouldChange = $state('');
  quote = $state('');
  consentToQuote = $state(false);
  themeIds = $state<string[]>([]);
  consentToRecord = $state(false);
  errors = $state<FieldError[]>([]);

  /** The conversation to save, or null with `errors` set to what to fix. */
  toConversation(now = new Date()): Conversation | null {
    const errors: FieldError[] = [];
    if (!this.wardCode) errors.push({ field: 'ward', message: 'Choose the ward the resident lives in' });
    if (!this.consentToRecord) {
      errors.push({ field: 'consent', message: 'Confirm the resident agreed to this conversation being recorded' });
    }
    const parsed = Conversation.safeParse({
      id: uuidv7(),
      wardCode: this.wardCode,
      recordedAt: now.toISOString(),
      loves: this.loves,
      wouldChange: this.wouldChange,
      quotes: this.quote.trim() ? [{ text: this.quote, consentToQuote: this.consentToQuote }] : [],
      themeIds: this.themeIds,
      consentToRecord: this.consentToRecord
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = FIELD_OF[String(issue.path[0])] ?? 'ward';
        if (!errors.some((e) => e.field === field)) errors.push({ field, message: issue.message });
      }
    }
    this.errors = errors;
    return errors.length === 0 && parsed.success ? parsed.data : null;
  }

  errorFor(field: string): string | undefined {
    return this.errors.find((error) => error.field === field)?.message;
  }

  /** Clears what was said, keeping the ward: the next resident at an event is usually nearby. */
  startNext(): void {
    this.loves = '';
    this.wouldChange = '';
    this.quote = '';
    this.consentToQuote = false;
    this.themeIds = [];
    this.consentToRecord = false;
    this.errors = [];
  }
}
