import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import {
  CLOCK_MODES, DEADLINE_UNITS, MotcuaError, compileCalendar, extendClock, formatDiagnostic, formatInstant, parseInstant, parseSource,
  resumeClock, startClock, suspendClock, validateCalendar,
  type CalendarFile, type ClockMode, type DeadlineClock, type DeadlineUnit, type Diagnostic, type WorkingCalendar,
} from 'motcua/engine';
import { findLibraryRoot } from 'motcua/engine/node';
import { outputFormat, parseCommandArgs } from '../args';
import { EXIT, UsageError, type CliIO, type Command } from '../io';

export const usage = `Usage: motcua due --calendar <id or file> --from <ISO instant> --value N --unit <unit>
                 [--pause <ISO from>/<ISO to>]... [--clock stop|restart] [--extend N]...
                 [--format text|json] [--library <dir>]

Computes a statutory deadline on a working calendar: the receipt (the submission moved into
working time) and the due instant, both ISO 8601 with the calendar's UTC offset.

Options:
  --calendar <id|file>  a calendar id (the library's calendars/<id>.yaml) or a YAML file
  --from <instant>      the submission, with its offset, e.g. 2026-02-12T09:00:00+07:00
  --value N             the time limit, a whole number >= 0
  --unit <unit>         ${DEADLINE_UNITS.join(' | ')}
  --pause <from>/<to>   a suspension (request for supplementary documents); repeatable
  --clock stop|restart  what a suspension does to the clock (default stop)
  --extend N            an extension of N units, added after the pauses; repeatable
  --format text|json    text (default) or {"receipt": "...", "due": "..."}
  --library <dir>       the library for calendar ids (default: the nearest folder upwards
                        with calendars/ or catalogues/, else ./procedures)
  -h, --help            this help

Exit codes: 0 computed, 1 the calendar is not valid, 2 usage error.`;

interface Options {
  calendar: string;
  from: number;
  value: number;
  unit: DeadlineUnit;
  pauses: [number, number][];
  clock: ClockMode;
  extend: number[];
  format: 'text' | 'json';
  library: string | undefined;
}

/** Runs `fn`, turning a MotcuaError about an argument into a usage error naming the option. */
function arg<T>(option: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof MotcuaError) throw new UsageError(`${option}: ${err.message}${err.hint ? ` (${err.hint})` : ''}`);
    throw err;
  }
}

function wholeNumber(option: string, text: string | undefined): number {
  if (text === undefined || !/^\d+$/.test(text)) throw new UsageError(`${option} must be a whole number >= 0, not '${text ?? ''}'`);
  return Number(text);
}

function parse(args: string[]): Options {
  const parsed = parseCommandArgs({
      args,
      strict: true,
      options: {
        calendar: { type: 'string' }, from: { type: 'string' }, value: { type: 'string' }, unit: { type: 'string' },
        pause: { type: 'string', multiple: true }, clock: { type: 'string', default: 'stop' },
        extend: { type: 'string', multiple: true }, format: { type: 'string', default: 'text' }, library: { type: 'string' },
      },
    });
  const v = parsed.values;
  for (const required of ['calendar', 'from', 'value', 'unit'] as const) {
    if (v[required] === undefined) throw new UsageError(`--${required} is required`);
  }
  if (!(DEADLINE_UNITS as readonly string[]).includes(v.unit!)) throw new UsageError(`--unit must be one of ${DEADLINE_UNITS.join(', ')}, not '${v.unit!}'`);
  if (!(CLOCK_MODES as readonly string[]).includes(v.clock)) throw new UsageError(`--clock must be stop or restart, not '${v.clock}'`);
  const format = outputFormat(v.format);
  const pauses = (v.pause ?? []).map((p): [number, number] => {
    const parts = p.split('/');
    if (parts.length !== 2) throw new UsageError(`--pause takes <from>/<to>, e.g. 2026-02-12T10:00:00+07:00/2026-02-20T09:00:00+07:00, not '${p}'`);
    const [a, b] = parts.map((x) => arg('--pause', () => parseInstant(x)));
    if (b! < a!) throw new UsageError(`--pause '${p}' ends before it starts`);
    return [a!, b!];
  });
  return {
    calendar: v.calendar!,
    from: arg('--from', () => parseInstant(v.from!)),
    value: wholeNumber('--value', v.value),
    unit: v.unit as DeadlineUnit,
    pauses,
    clock: v.clock as ClockMode,
    extend: (v.extend ?? []).map((e) => wholeNumber('--extend', e)),
    format,
    library: v.library,
  };
}

/** A calendar file read and checked, or the diagnostics that stop it. */
interface Loaded {
  file: CalendarFile;
  diagnostics: Diagnostic[];
}

function readCalendar(path: string, id: string, shown: string): Loaded {
  const doc = parseSource(readFileSync(path, 'utf8'), shown);
  const diagnostics = [...doc.diagnostics, ...(doc.diagnostics.length ? [] : validateCalendar(doc.value, doc))];
  const file = (doc.value ?? {}) as CalendarFile;
  return { file: { ...file, id: file.id ?? id }, diagnostics };
}

const isPath = (ref: string): boolean => /\.ya?ml$/i.test(ref) || ref.includes('/') || ref.includes('\\');

/** Loads the calendar named by --calendar, resolving `extends` from the same folders. */
function loadCalendar(options: Options, io: CliIO): { calendar?: WorkingCalendar; diagnostics: Diagnostic[] } {
  const libraryDir = options.library !== undefined ? resolve(io.cwd, options.library) : findLibraryRoot(io.cwd) ?? join(io.cwd, 'procedures');
  const calendarsDir = join(libraryDir, 'calendars');
  let mainPath: string;
  if (isPath(options.calendar)) {
    mainPath = resolve(io.cwd, options.calendar);
    if (!existsSync(mainPath)) throw new UsageError(`no such calendar file: ${options.calendar}`);
  } else {
    mainPath = join(calendarsDir, `${options.calendar}.yaml`);
    if (!existsSync(mainPath)) {
      const known = existsSync(calendarsDir) ? readdirSync(calendarsDir).filter((f) => /\.ya?ml$/.test(f)).map((f) => basename(f, extname(f))) : [];
      throw new UsageError(
        `no calendar '${options.calendar}' in ${relative(io.cwd, calendarsDir) || '.'}` +
          (known.length ? ` (known: ${known.join(', ')})` : '') + '; pass a file path or --library <dir>',
      );
    }
  }
  const diagnostics: Diagnostic[] = [];
  const cache = new Map<string, CalendarFile | undefined>();
  const load = (path: string, id: string): CalendarFile => {
    const loaded = readCalendar(path, id, relative(io.cwd, path) || path);
    diagnostics.push(...loaded.diagnostics);
    return loaded.file;
  };
  const main = load(mainPath, basename(mainPath, extname(mainPath)));
  const lookup = (id: string): CalendarFile | undefined => {
    if (!cache.has(id)) {
      const candidates = [join(dirname(mainPath), `${id}.yaml`), join(calendarsDir, `${id}.yaml`)];
      const found = candidates.find((c) => existsSync(c));
      cache.set(id, found ? load(found, id) : undefined);
    }
    return cache.get(id);
  };
  if (main.extends !== undefined) lookup(main.extends);
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  try {
    return { calendar: compileCalendar(main, { lookup, file: relative(io.cwd, mainPath) }), diagnostics };
  } catch (err) {
    if (err instanceof MotcuaError) {
      const pos = { file: relative(io.cwd, mainPath), line: 1, column: 1 };
      const details = Array.isArray(err.details) ? (err.details as Diagnostic[]) : [];
      return {
        diagnostics: details.length
          ? details
          : [{ ...pos, code: err.code === 'E_INVALID_DEFINITION' ? 'E_CALENDAR_EXTENDS' : err.code, severity: 'error', message: err.message, ...(err.hint ? { hint: err.hint } : {}) }],
      };
    }
    throw err;
  }
}

/** Computes the receipt and due of a deadline; see {@link usage}. */
export const command: Command = (args: string[], io: CliIO) => {
  const options = parse(args);
  const { calendar, diagnostics } = loadCalendar(options, io);
  for (const d of diagnostics.filter((x) => x.severity !== 'error')) io.err(formatDiagnostic(d));
  if (!calendar) {
    for (const d of diagnostics.filter((x) => x.severity === 'error')) io.err(formatDiagnostic(d));
    return Promise.resolve(EXIT.failed);
  }
  let clock: DeadlineClock = startClock(calendar, options.from, { value: options.value, unit: options.unit }, options.clock);
  for (const [from, to] of options.pauses) {
    clock = arg('--pause', () => resumeClock(calendar, suspendClock(calendar, clock, from), to));
  }
  for (const n of options.extend) clock = extendClock(calendar, clock, n);
  const receipt = formatInstant(clock.receipt, calendar);
  const due = formatInstant(clock.due, calendar);
  io.out(options.format === 'json' ? JSON.stringify({ receipt, due }) : `receipt  ${receipt}\ndue      ${due}`);
  return Promise.resolve(EXIT.ok);
};
