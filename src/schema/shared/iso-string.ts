/**
 * Date#toISOString without the engine's date formatting, which costs more than the rest of a DateTime field's
 * execution (every session has two or three). Same output for every instant; years outside 1970-9999 take the
 * engine's path.
 */

const MS_PER_DAY = 86_400_000;
/** 10000-01-01T00:00:00.000Z: from here on the engine writes six-digit years. */
const YEAR_10000 = 253_402_300_800_000;

const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));

// Sessions of a page mostly share their day: its `YYYY-MM-DDT` is kept from one call to the next.
let lastDay = NaN;
let lastDayPrefix = '';

/** The ISO-8601 form of `date` in UTC with milliseconds, as `date.toISOString()` writes it. */
export function isoString(date: Date): string {
  const ms = date.getTime();
  if (!(ms >= 0 && ms < YEAR_10000)) return date.toISOString();
  const days = Math.floor(ms / MS_PER_DAY);
  if (days !== lastDay) {
    lastDay = days;
    lastDayPrefix = datePrefix(days);
  }
  let rest = ms - days * MS_PER_DAY;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return lastDayPrefix + TWO_DIGITS[hours] + ':' + TWO_DIGITS[minutes] + ':' + TWO_DIGITS[seconds] + '.' + THREE_DIGITS[rest - seconds * 1000] + 'Z';
}

/** `YYYY-MM-DDT` of a day since 1970-01-01 (H. Hinnant's civil_from_days: 400-year eras from 0000-03-01). */
function datePrefix(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}T`;
}
