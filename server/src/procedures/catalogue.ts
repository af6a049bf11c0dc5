/**
 * The procedure catalogue: one summary per code (the version in force) with a search index,
 * built once per change of the registry (its `revision`: a publish, a retirement, a version
 * another process published and ProcedureSync loaded) or of the date, never per request.
 * A search is a prefix lookup per query word in a sorted vocabulary, an intersection, and a
 * ranking of the matches: fast enough for thousands of procedures (`npm run bench -- catalogue`).
 */
import { isInForce, type Level, type Procedure, type RoleEntry, type Step } from 'motcua/engine';
import type { FacetCount, ProcedureSummary } from 'motcua/contract';
import { isBroken, type ProcedureRegistry, type RegisteredProcedure } from './registry';
import { searchWords } from './search-text';

/** What a list request asks for (bounds are the route's business). */
export interface CatalogueQuery {
  q?: string;
  sector?: string;
  level?: Level;
  /** A role id: procedures with a task step for that role. */
  agency?: string;
  /** true: only what a citizen can file today. */
  open?: boolean;
  status?: 'ok' | 'broken';
  limit: number;
  offset: number;
}

/** One page of matches, their count and the facets of the filters. */
export interface CataloguePage {
  items: ProcedureSummary[];
  total: number;
  facets: { sector: FacetCount[]; level: FacetCount[]; agency: FacetCount[] };
}

interface Indexed {
  summary: ProcedureSummary;
  code: string;
  /** The Vietnamese name's search words joined by spaces (for phrase matches). */
  nameKey: string;
  nameWords: string[];
  /** The Vietnamese name, lower case with its diacritics (a query typed with them ranks exact matches first). */
  exactName: string;
  /** Ids of its sector, level and agencies in {@link Index.values} (-1: none). */
  sector: number;
  level: number;
  agencies: number[];
}

interface Index {
  revision: number;
  date: string;
  items: Indexed[];
  /** Every search word of every item, sorted, with the items holding it. */
  vocabulary: string[];
  postings: number[][];
  /** The values of each filter, by id. */
  values: Record<Dimension, string[]>;
}

type Dimension = 'sector' | 'level' | 'agency';

/** No filter on a dimension; a filter on a value no procedure has is -2 (matches nothing). */
const ANY = -1;

function wanted(values: readonly string[], value: string | undefined): number {
  if (value === undefined) return ANY;
  const id = values.indexOf(value);
  return id < 0 ? -2 : id;
}

export class ProcedureCatalogue {
  private index: Index | undefined;

  constructor(
    private readonly registry: ProcedureRegistry,
    private readonly roles: () => ReadonlyMap<string, RoleEntry> = () => new Map(),
  ) {}

  /** The matches of `query` on `date` (YYYY-MM-DD), ranked, one page of them, and the facets. */
  list(query: CatalogueQuery, date: string): CataloguePage {
    const index = this.current(date);
    const matched = query.q === undefined ? undefined : this.search(index, query.q);
    // Facets: the count per value of a dimension with every other filter applied (so that
    // picking a sector shows how many each level would give). One pass, counters by value id.
    const counts = { sector: new Int32Array(index.values.sector.length), level: new Int32Array(index.values.level.length), agency: new Int32Array(index.values.agency.length) };
    const want = { sector: wanted(index.values.sector, query.sector), level: wanted(index.values.level, query.level), agency: wanted(index.values.agency, query.agency) };
    const hits: Indexed[] = [];
    const n = matched?.length ?? index.items.length;
    for (let k = 0; k < n; k++) {
      const it = index.items[matched ? matched[k]! : k]!;
      if (query.open !== undefined && it.summary.open !== query.open) continue;
      if (query.status !== undefined && it.summary.status !== query.status) continue;
      const okSector = want.sector === ANY || it.sector === want.sector;
      const okLevel = want.level === ANY || it.level === want.level;
      const okAgency = want.agency === ANY || it.agencies.includes(want.agency);
      if (okSector && okLevel && okAgency) hits.push(it);
      if (okLevel && okAgency && it.sector >= 0) counts.sector[it.sector]! += 1;
      if (okSector && okAgency && it.level >= 0) counts.level[it.level]! += 1;
      if (okSector && okLevel) for (const a of it.agencies) counts.agency[a]! += 1;
    }
    const roles = this.roles();
    const facet = (d: Dimension): FacetCount[] => {
      const out: FacetCount[] = [];
      counts[d].forEach((count, id) => {
        if (count === 0) return;
        const value = index.values[d][id]!;
        const name = d === 'agency' ? roles.get(value)?.name : undefined;
        out.push({ value, count, ...(name ? { name } : {}) });
      });
      return out.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    };
    return {
      items: hits.slice(query.offset, query.offset + query.limit).map((it) => it.summary),
      total: hits.length,
      facets: { sector: facet('sector'), level: facet('level'), agency: facet('agency') },
    };
  }

  /** The index for the registry as it is now and `date`, built when either changed. */
  private current(date: string): Index {
    const revision = this.registry.revision;
    if (this.index?.revision !== revision || this.index.date !== date) this.index = build(this.registry, revision, date);
    return this.index;
  }

  /** Indexes of the items matching every word of `q` (as a word prefix), best first. */
  private search(index: Index, q: string): number[] {
    const words = searchWords(q);
    if (words.length === 0) return [];
    // mark[i] = how many of the query's words item i matched so far (each word is a prefix of one of its words).
    const unique = [...new Set(words)];
    const mark = new Uint8Array(index.items.length);
    let found: number[] = [];
    for (let j = 0; j < unique.length && j < 255; j++) {
      const word = unique[j]!;
      const next: number[] = [];
      for (let v = lowerBound(index.vocabulary, word); v < index.vocabulary.length && index.vocabulary[v]!.startsWith(word); v++) {
        for (const i of index.postings[v]!) {
          if (mark[i] !== j) continue;
          mark[i] = j + 1;
          next.push(i);
        }
      }
      found = next;
      if (found.length === 0) return [];
    }
    const phrase = words.join(' ');
    const raw = q.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
    const typedMarks = raw !== phrase;
    const rank = (it: Indexed): number => {
      let tier: number;
      if (it.code.toLowerCase().startsWith(raw)) tier = 0;
      else if (it.nameKey.startsWith(phrase)) tier = 1;
      else if (` ${it.nameKey}`.includes(` ${phrase}`)) tier = 2;
      else if (words.every((w) => it.nameWords.some((n) => n.startsWith(w)))) tier = 3;
      else tier = 4;
      // Whoever typed the diacritics meant them: an exact match goes before a folded one.
      return typedMarks && it.exactName.includes(raw) ? tier - 0.5 : tier;
    };
    return found
      .map((i) => ({ i, r: rank(index.items[i]!) }))
      .sort((a, b) => a.r - b.r || a.i - b.i)
      .map((x) => x.i);
  }
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function build(registry: ProcedureRegistry, revision: number, date: string): Index {
  const byCode = new Map<string, RegisteredProcedure[]>();
  for (const e of registry.all()) byCode.set(e.procedure.code, [...(byCode.get(e.procedure.code) ?? []), e]);
  const codes = [...byCode.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const items: Indexed[] = [];
  const words = new Map<string, number[]>();
  const values: Record<Dimension, string[]> = { sector: [], level: [], agency: [] };
  const ids: Record<Dimension, Map<string, number>> = { sector: new Map(), level: new Map(), agency: new Map() };
  const intern = (d: Dimension, v: string | null): number => {
    if (v === null) return -1;
    let id = ids[d].get(v);
    if (id === undefined) {
      id = values[d].push(v) - 1;
      ids[d].set(v, id);
    }
    return id;
  };
  for (const code of codes) {
    const versions = registry.versions(code);
    const shown = registry.resolve(code, undefined, date);
    const filing = versions.filter((e) => e.retiredAt === undefined && isInForce(e.procedure.effective, date)).at(-1);
    // `isBroken`, not `compiled`: listing must not compile what waits for its first use.
    const summary = summaryOf(shown, versions, filing !== undefined && !isBroken(filing));
    const p = shown.procedure;
    const nameWords = searchWords(p.name.vi);
    const at = items.length;
    items.push({
      summary,
      code,
      nameKey: nameWords.join(' '),
      nameWords,
      exactName: p.name.vi.normalize('NFC').toLowerCase().replace(/\s+/g, ' '),
      sector: intern('sector', summary.sector),
      level: intern('level', summary.level),
      agencies: summary.agencies.map((a) => intern('agency', a)),
    });
    const own = new Set([...searchWords(`${code} ${p.name.vi} ${p.name.en ?? ''} ${p.sector ?? ''}`), code.toLowerCase()]);
    for (const w of own) {
      const list = words.get(w);
      if (list) list.push(at);
      else words.set(w, [at]);
    }
  }
  const vocabulary = [...words.keys()].sort();
  return { revision, date, items, vocabulary, postings: vocabulary.map((w) => words.get(w)!), values };
}

function summaryOf(e: RegisteredProcedure, versions: readonly RegisteredProcedure[], open: boolean): ProcedureSummary {
  const p: Procedure = e.procedure;
  const baseFee = (p.fees ?? []).filter((f) => !f.when).reduce((sum, f) => sum + (typeof f.amount === 'number' ? f.amount : 0), 0);
  return {
    code: p.code,
    version: p.version,
    versions: versions.map((v) => v.procedure.version),
    name: { vi: p.name.vi, ...(p.name.en ? { en: p.name.en } : {}) },
    sector: p.sector ?? null,
    level: p.level ?? null,
    status: isBroken(e) ? 'broken' : 'ok',
    open,
    agencies: [...rolesOf(p.steps)].sort(),
    ...(p.deadline ? { deadline: p.deadline } : {}),
    baseFee,
    ...(p.applicants ? { applicants: [...p.applicants] } : {}),
    ...(p.overlay ? { overlayOf: p.overlay.base.code } : {}),
  };
}

/**
 * The roles of the task steps, parallel branches included. Read defensively: a broken
 * procedure is listed too, and its steps may not have the format's shape.
 */
function rolesOf(steps: unknown, into = new Set<string>()): Set<string> {
  if (!Array.isArray(steps)) return into;
  for (const s of steps as Partial<Step>[]) {
    if (s.kind === 'task' && typeof s.role === 'string') into.add(s.role);
    if (s.kind === 'parallel' && s.branches) for (const branch of Object.values(s.branches)) rolesOf(branch, into);
  }
  return into;
}
