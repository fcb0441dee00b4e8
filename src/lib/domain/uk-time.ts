/** Times as people in the UK read them, whatever the device's own time zone. */
import { madeOnFirstUse } from './made-on-first-use';

const UK = 'Europe/London';

const dateTime = madeOnFirstUse(() => new Intl.DateTimeFormat('en-GB', { timeZone: UK, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }));
const date = madeOnFirstUse(() => new Intl.DateTimeFormat('en-GB', { timeZone: UK, day: 'numeric', month: 'long', year: 'numeric' }));
const time = madeOnFirstUse(() => new Intl.DateTimeFormat('en-GB', { timeZone: UK, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }));

/** '2026-07-01T13:05:09Z' as '1 Jul 2026, 14:05:09'. */
export const formatUkDateTime = (iso: string) => dateTime().format(new Date(iso));
const dayTime = madeOnFirstUse(() => new Intl.DateTimeFormat('en-GB', { timeZone: UK, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }));
/** '2026-07-01T13:05:09Z' as '1 Jul 2026, 14:05'. */
export const formatUkDayTime = (iso: string) => dayTime().format(new Date(iso));
/** '2026-07-01T13:05:09Z' as '1 July 2026'. */
export const formatUkDate = (iso: string) => date().format(new Date(iso));
/** '2026-07-01T13:05:09Z' as '14:05'. */
export const formatUkTime = (iso: string) => time().format(new Date(iso));

const isoDay = madeOnFirstUse(() => new Intl.DateTimeFormat('en-CA', { timeZone: UK, year: 'numeric', month: '2-digit', day: '2-digit' }));
/** The UK day of an instant as ISO text: 2026-07-01T23:30:00Z as '2026-07-02' (BST). */
export const ukIsoDay = (instant: Date) => isoDay().format(instant);
