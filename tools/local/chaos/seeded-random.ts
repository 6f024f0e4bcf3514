/**
 * mulberry32 (Tommy Ettinger's 32-bit generator): tiny, fast, and fully
 * determined by its seed, so a seed replays the same sequence. Not for
 * anything secret. Returns numbers in [0, 1).
 */
export const seededRandom = (seed: number): (() => number) => {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};
