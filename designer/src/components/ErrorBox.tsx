import { detailLine } from '../lib/error-text';

/** An error with the problems list of a refusal (the server's `details`), one problem a line, in the language shown. */
export function ErrorBox({ text, details }: { text: string; details?: unknown }) {
  const list = Array.isArray(details) ? details : [];
  return (
    <div role="alert" className="notice bad">
      <p>{text}</p>
      {list.length ? (
        <ul>{list.map((d, i) => <li key={i}>{detailLine(d)}</li>)}</ul>
      ) : null}
    </div>
  );
}
