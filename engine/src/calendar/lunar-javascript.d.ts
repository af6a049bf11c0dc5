// lunar-javascript ships no types; only what the calendar uses is declared here.
declare module 'lunar-javascript' {
  interface LunarMonthLike {
    getYear(): number;
    /** Negative for a leap month. */
    getMonth(): number;
    getDayCount(): number;
    /** Absolute Julian day number of the month's first day (noon-based). */
    getFirstJulianDay(): number;
  }
  interface LunarYearLike {
    getMonths(): LunarMonthLike[];
  }
  const lib: {
    LunarYear: { fromYear(year: number): LunarYearLike };
    ShouXingUtil: { shuoHigh(w: number): number };
  };
  export default lib;
}
