/**
 * A form's summary in an aria-live region: the error sentence as an alert
 * (with a second line, e.g. what a conflict found, when given), or the
 * success note as a status.
 */
export function FormSummary({ id, error, detail, success }: { id?: string; error?: string | null; detail?: string | null; success?: string | null }) {
  return (
    <div id={id} aria-live="polite" className="min-h-5 text-sm">
      {error ? (
        <div role="alert" className="text-red-700">
          <p>{error}</p>
          {detail && <p className="mt-1">{detail}</p>}
        </div>
      ) : success ? (
        <p role="status" className="text-green-800">
          {success}
        </p>
      ) : null}
    </div>
  );
}
