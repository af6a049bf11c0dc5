/**
 * The people a procedure names (`subjects:`: the bride, the deceased, the ward) by what they
 * are, never by their ids: the title of the e-form group their national ID is read from
 * (`data.bride.nationalId` -> the title of `bride`, "Bên nữ"), else their relation in words
 * (`cases:consents.relation`), else the id. Needs the `cases` namespace.
 */
import type { Procedure } from 'motcua/engine';
import { i18next } from '../i18n';

/** The title of the e-form object holding the field a `data.x.y` key reads, if it has one. */
function groupTitle(schema: unknown, key: string): string | undefined {
  const path = /^data((?:\.[A-Za-z_][A-Za-z0-9_]*)+)$/.exec(key.trim())?.[1]?.slice(1).split('.');
  if (!path || path.length < 2) return undefined;
  let node = schema as { properties?: Record<string, unknown>; title?: unknown } | undefined;
  for (const part of path.slice(0, -1)) node = node?.properties?.[part] as typeof node;
  return typeof node?.title === 'string' && node.title.trim() ? node.title : undefined;
}

/** A subject of `procedure` as a reader names them. */
export function subjectName(procedure: Pick<Procedure, 'subjects' | 'data'> | undefined, id: string, relation?: string): string {
  const subject = procedure?.subjects?.find((s) => s.id === id);
  const title = subject ? groupTitle(procedure?.data?.schema, subject.key) : undefined;
  if (title) return title;
  const rel = relation ?? subject?.relation;
  return rel && i18next.exists(`cases:consents.relation.${rel}`) ? i18next.t(`cases:consents.relation.${rel}`) : id;
}
