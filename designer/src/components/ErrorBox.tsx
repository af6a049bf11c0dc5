import { detailLine, type PlaceNamer } from '../lib/error-text';

/** An error with the problems list of a refusal (the server's `details`), one problem a line, in the language shown. */
export function ErrorBox({ text, details, name }: { text: string; details?: unknown; name?: PlaceNamer }) {
  const list = Array.isArray(details) ? details : [];
  return (
    <div role="alert" className="notice bad">
      <p>{text}</p>
      {list.length ? (
        <ul>{list.map((d, i) => <li key={i}>{detailLine(d, name)}</li>)}</ul>
      ) : null}
    </div>
  );
}
