import type { DndSchedule } from '@confab/shared';

/** Minutes since midnight at `now` in the time zone. */
export function minuteOfDay(now: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(now);
  const value = (type: 'hour' | 'minute') => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return value('hour') * 60 + value('minute');
}

/** Whether `now` falls in the schedule's quiet hours; a start after the end spans midnight. */
export function inQuietHours(schedule: DndSchedule, now: Date): boolean {
  const minute = minuteOfDay(now, schedule.timeZone);
  return schedule.start < schedule.end
    ? minute >= schedule.start && minute < schedule.end
    : minute >= schedule.start || minute < schedule.end;
}
