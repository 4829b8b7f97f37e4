import type { Component } from './model';

/** An item's outcome as a streak reads it: which component, when, and whether it was missed. */
export interface DecidedItem {
  itemId: string;
  component: Component;
  /** When it was held or due, in ms; items without a time are left out. */
  at?: number;
  outcome: string;
}

/** Items missed in a row in one component, oldest first; the first names the streak. */
export interface Streak {
  component: Component;
  items: string[];
}

/**
 * The streaks of absences of each component (escalation after consecutive absences): the items in
 * time order, each run of `absent`; a pending item neither breaks nor extends a run, any other
 * outcome (present, late, excused) ends it. Answers the runs of at least `length` items, a run
 * still going with all it holds so far; none when `length` is 0 (the setting is off).
 */
export function absenceStreaks(items: DecidedItem[], length: number): Streak[] {
  if (length <= 0) return [];
  const byComponent = new Map<Component, DecidedItem[]>();
  for (const item of items) if (item.at !== undefined) byComponent.set(item.component, [...(byComponent.get(item.component) ?? []), item]);
  const streaks: Streak[] = [];
  for (const [component, list] of byComponent) {
    let run: string[] = [];
    const end = () => {
      if (run.length >= length) streaks.push({ component, items: run });
      run = [];
    };
    for (const item of [...list].sort((a, b) => a.at! - b.at! || a.itemId.localeCompare(b.itemId))) {
      if (item.outcome === 'pending') continue;
      if (item.outcome === 'absent') run.push(item.itemId);
      else end();
    }
    end();
  }
  return streaks;
}
