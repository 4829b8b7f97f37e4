import { absenceStreaks, DecidedItem } from './streaks';

const item = (itemId: string, at: number, outcome: string, component: DecidedItem['component'] = 'virtualClass'): DecidedItem => ({ itemId, component, at, outcome });

describe('escalation after consecutive absences (absenceStreaks)', () => {
  it('finds each run of absences long enough, oldest first, ended or still going', () => {
    const items = [item('c1', 1, 'present'), item('c2', 2, 'absent'), item('c3', 3, 'absent'), item('c4', 4, 'absent')];
    expect(absenceStreaks(items, 3)).toEqual([{ component: 'virtualClass', items: ['c2', 'c3', 'c4'] }]);
    expect(absenceStreaks(items, 4)).toEqual([]);
  });

  it('is off at 0; a present, late or excused item ends a run; a pending one neither ends nor extends it', () => {
    const items = [item('c1', 1, 'absent'), item('c2', 2, 'absent'), item('c3', 3, 'excused'), item('c4', 4, 'absent'), item('c5', 5, 'pending'), item('c6', 6, 'absent')];
    expect(absenceStreaks(items, 0)).toEqual([]);
    expect(absenceStreaks(items, 2)).toEqual([
      { component: 'virtualClass', items: ['c1', 'c2'] },
      { component: 'virtualClass', items: ['c4', 'c6'] },
    ]);
    expect(absenceStreaks(items, 3)).toEqual([]);
  });

  it('counts each component on its own, in time order whatever the order given', () => {
    const items = [item('e2', 20, 'absent', 'eActivity'), item('c1', 1, 'absent'), item('e1', 10, 'absent', 'eActivity'), item('c2', 2, 'present')];
    expect(absenceStreaks(items, 2)).toEqual([{ component: 'eActivity', items: ['e1', 'e2'] }]);
  });
});
