import { settleDerivedSettings } from './settle-derived-settings';

interface Settings {
  deadlineDays: number;
  roles: string[];
}

const OLDER: Settings = { deadlineDays: 25, roles: ['admin'] };
const NEWER: Settings = { deadlineDays: 20, roles: ['admin', 'owner'] };

/** Fresh reads that answer `answers` in turn, then the last one forever, each a new copy. */
function reads(...answers: Settings[]): { derive: () => Promise<Settings>; count: () => number } {
  let count = 0;

  return {
    derive: async () => {
      const answer = answers[Math.min(count, answers.length - 1)];
      count += 1;

      return { ...answer, roles: [...answer.roles] };
    },
    count: () => count,
  };
}

describe(settleDerivedSettings.name, () => {
  it('should stop at a fresh read that derives, structurally, what was written', async () => {
    const fresh = reads(OLDER);
    const written: Settings[] = [];

    await settleDerivedSettings({
      written: OLDER,
      derive: fresh.derive,
      write: async (settings) => void written.push(settings),
    });

    expect(fresh.count()).toBe(1);
    expect(written).toEqual([]);
  });

  it('should write what a fresh read derives until one agrees with the last write', async () => {
    const fresh = reads(NEWER);
    const written: Settings[] = [];

    const rewrites = await settleDerivedSettings({
      written: OLDER,
      derive: fresh.derive,
      write: async (settings) => void written.push(settings),
    });

    expect(written).toEqual([NEWER]);
    expect(rewrites).toBe(1);
    expect(fresh.count()).toBe(2);
  });

  it('should write the first fresh read when this delivery wrote nothing yet', async () => {
    const fresh = reads(OLDER);
    const written: Settings[] = [];

    await settleDerivedSettings({
      written: undefined,
      derive: fresh.derive,
      write: async (settings) => void written.push(settings),
    });

    expect(written).toEqual([OLDER]);
    expect(fresh.count()).toBe(2);
  });

  it('should give up after five reads that each disagree, having written each one', async () => {
    const fresh = reads(NEWER, OLDER, NEWER, OLDER, NEWER);
    const written: Settings[] = [];

    await expect(
      settleDerivedSettings({
        written: OLDER,
        derive: fresh.derive,
        write: async (settings) => void written.push(settings),
      }),
    ).rejects.toMatchObject({ code: 'conflict' });

    expect(fresh.count()).toBe(5);
    expect(written).toEqual([NEWER, OLDER, NEWER, OLDER, NEWER]);
  });

  it('should pass a failed write on, and read no more', async () => {
    const fresh = reads(NEWER);

    await expect(
      settleDerivedSettings({
        written: OLDER,
        derive: fresh.derive,
        write: () => Promise.reject(new Error('database down')),
      }),
    ).rejects.toThrow('database down');

    expect(fresh.count()).toBe(1);
  });
});
