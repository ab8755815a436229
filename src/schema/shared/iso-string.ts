/**
 * Date#toISOString without the engine's date formatting, which costs more than the rest of a DateTime field's
 * execution (every session has two or three). Same output for every instant; years outside 1970-9999 take the
 * engine's path.
 */

const MS_PER_DAY = 86_400_000;
/** 10000-01-01T00:00:00.000Z: from here on the engine writes six-digit years. */
const YEAR_10000 = 253_402_300_800_000;

const ZERO = 0x30;

// Sessions of a page mostly share their day: its `YYYY-MM-DD` is kept, as character codes, from one call to the next.
let lastDay = NaN;
const day = [0, 0, 0, 0, 0, 0, 0, 0];

/**
 * The ISO-8601 form of `date` in UTC with milliseconds, as `date.toISOString()` writes it. Written in one piece: a
 * string built by `+` is a chain of pieces, which JSON.stringify must flatten again for every response.
 */
export function isoString(date: Date): string {
  const ms = date.getTime();
  if (!(ms >= 0 && ms < YEAR_10000)) return date.toISOString();
  const days = Math.floor(ms / MS_PER_DAY);
  if (days !== lastDay) {
    lastDay = days;
    setDay(days);
  }
  let rest = ms - days * MS_PER_DAY;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  return String.fromCharCode(
    day[0]!, day[1]!, day[2]!, day[3]!, 0x2d, day[4]!, day[5]!, 0x2d, day[6]!, day[7]!, 0x54,
    ZERO + Math.floor(hours / 10), ZERO + (hours % 10), 0x3a,
    ZERO + Math.floor(minutes / 10), ZERO + (minutes % 10), 0x3a,
    ZERO + Math.floor(seconds / 10), ZERO + (seconds % 10), 0x2e,
    ZERO + Math.floor(millis / 100), ZERO + (Math.floor(millis / 10) % 10), ZERO + (millis % 10), 0x5a,
  );
}

/** Sets `day` to the digits of YYYYMMDD of a day since 1970-01-01 (H. Hinnant's civil_from_days: 400-year eras from 0000-03-01). */
function setDay(days: number): void {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  day[0] = ZERO + Math.floor(year / 1000);
  day[1] = ZERO + (Math.floor(year / 100) % 10);
  day[2] = ZERO + (Math.floor(year / 10) % 10);
  day[3] = ZERO + (year % 10);
  day[4] = ZERO + Math.floor(month / 10);
  day[5] = ZERO + (month % 10);
  day[6] = ZERO + Math.floor(dayOfMonth / 10);
  day[7] = ZERO + (dayOfMonth % 10);
}
