import type { Component, Level } from './model';

/** Which kinds of attendance count at each level (rules §1, MU Art. 3 §2, NR Art. 14). */
export const COMPONENTS_BY_LEVEL: Readonly<Record<Level, readonly Component[]>> = {
  supporting: ['inPerson'],
  'evening-virtual': ['virtualClass'],
  blended: ['virtualClass', 'recordedLecture', 'eActivity', 'inPerson'],
  online: ['virtualClass', 'eActivity'],
  'distance-program': ['virtualClass'],
};

export const componentsOf = (level: Level): readonly Component[] => COMPONENTS_BY_LEVEL[level];
