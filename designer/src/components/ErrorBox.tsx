/** An error with the problems list of a refusal (the server's `details`), one problem a line. */
export function ErrorBox({ text, details }: { text: string; details?: unknown }) {
  const list = Array.isArray(details) ? details : [];
  return (
    <div role="alert" className="notice bad">
      <p>{text}</p>
      {list.length ? (
        <ul>{list.map((d, i) => <li key={i}>{problemText(d)}</li>)}</ul>
      ) : null}
    </div>
  );
}

/** One problem of a refusal: its message when it has one. */
function problemText(d: unknown): string {
  if (typeof d === 'string') return d;
  const message = (d as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : JSON.stringify(d);
}
