// ISO 8601 durations as Sentinel's rule settings spell them (`PT5M`, `PT1H`, `P1D`): the
// REST spec types queryFrequency, queryPeriod and suppressionDuration as `format: duration`.
const DURATION = /^P(?:(\d{1,5})D)?(?:T(?:(\d{1,5})H)?(?:(\d{1,6})M)?)?$/;

/** Whole minutes of a duration of days, hours and minutes; undefined for anything else (seconds, months, an empty `P`). */
export function durationMinutes(text: string): number | undefined {
    const m = DURATION.exec(text);
    if (!m || text === "P" || text.endsWith("T")) return undefined;
    const [days, hours, minutes] = m.slice(1).map((part) => Number(part ?? 0));
    return (days * 24 + hours) * 60 + minutes;
}
