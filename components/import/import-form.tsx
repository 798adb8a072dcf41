"use client";

import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { newRequestId } from "@/components/ui/use-action-form";

type Issue = { row: number | null; column: string | null; message: string };
type Matched = { name: string; companyId: number; company: string; reason: "creditCode" | "name"; code?: string };
type State =
  | { kind: "idle" }
  | { kind: "uploading"; percent: number }
  | { kind: "processing" }
  | { kind: "done"; created: number; updated: number; matched: Matched[] }
  | { kind: "invalid"; errors: Issue[] }
  | { kind: "failed"; status: number; message?: string };

/**
 * Uploads the file to POST /api/import/projects (XMLHttpRequest, for the
 * upload's progress), then shows the counts or the row-by-row errors. Each
 * submission carries a request id made with the form: a retry after a lost
 * answer or a server error sends the same one (the server answers with the
 * first request's outcome and imports nothing twice); an answer with an
 * outcome (200, 400) or another file starts a new one.
 */
export function ImportForm({ maxMb, maxRows }: { maxMb: number; maxRows: number }) {
  const t = useTranslations("import");
  const [state, setState] = useState<State>({ kind: "idle" });
  const [missing, setMissing] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const [requestId, setRequestId] = useState("");
  const busy = state.kind === "uploading" || state.kind === "processing" || !requestId;

  useEffect(() => setRequestId(newRequestId()), []);

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = inputRef.current?.files?.[0];
    if (!file) {
      setMissing(true);
      return;
    }
    if (busy) return;
    setMissing(false);
    const body = new FormData();
    body.set("requestId", requestId);
    body.set("file", file);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/import/projects");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setState(e.loaded >= e.total ? { kind: "processing" } : { kind: "uploading", percent: Math.round((e.loaded / e.total) * 100) });
    };
    xhr.upload.onload = () => setState({ kind: "processing" });
    xhr.onload = () => {
      const data = xhr.response as { created?: number; updated?: number; matched?: Matched[]; errors?: Issue[] } | null;
      if (xhr.status === 200 || xhr.status === 400) setRequestId(newRequestId());
      if (xhr.status === 200 && data) setState({ kind: "done", created: data.created ?? 0, updated: data.updated ?? 0, matched: data.matched ?? [] });
      else if (xhr.status === 400 && data?.errors) setState({ kind: "invalid", errors: data.errors });
      else setState({ kind: "failed", status: xhr.status, message: data?.errors?.[0]?.message });
    };
    xhr.onerror = () => setState({ kind: "failed", status: 0 });
    setState({ kind: "uploading", percent: 0 });
    xhr.send(body);
  }

  return (
    <div className="space-y-4">
      <form method="post" onSubmit={submit} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
        <div className="min-w-64 flex-1">
          <label htmlFor="import-file" className="mb-1 block text-sm font-medium text-slate-700">
            {t("file", { maxMb, maxRows: maxRows.toLocaleString() })}
          </label>
          <input
            ref={inputRef}
            id="import-file"
            name="file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-invalid={missing || undefined}
            aria-describedby={missing ? "import-file-error" : undefined}
            onChange={() => {
              setMissing(false);
              if (!busy) setRequestId(newRequestId());
            }}
            className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:text-sm"
          />
          {missing && (
            <p id="import-file-error" className="mt-1 text-sm text-red-700">
              {t("chooseFile")}
            </p>
          )}
        </div>
        <Button type="submit" disabled={busy}>
          {t("submit")}
        </Button>
      </form>

      <div aria-live="polite" role="status" className="space-y-2">
        {state.kind === "uploading" && (
          <>
            <p className="text-sm text-slate-700">{t("uploading", { percent: state.percent })}</p>
            <progress className="h-2 w-full" max={100} value={state.percent} aria-label={t("progress")} />
          </>
        )}
        {state.kind === "processing" && (
          <>
            <p className="text-sm text-slate-700">{t("processing")}</p>
            <progress className="h-2 w-full" aria-label={t("progress")} />
          </>
        )}
        {state.kind === "done" && (
          <div className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900" data-testid="import-result">
            <p>{t("result", { created: state.created, updated: state.updated })}</p>
            {state.matched.length > 0 && (
              <>
                <p className="mt-2">{t("matched", { count: state.matched.length })}</p>
                <ul className="mt-1 list-disc pl-5" data-testid="import-matched">
                  {state.matched.map((m) => (
                    <li key={`${m.code ?? ""}|${m.name}`}>{m.code ? t("matchedItemCode", { name: m.name, code: m.code, company: m.company }) : t("matchedItem", { name: m.name, company: m.company })}</li>
                  ))}
                </ul>
                <p className="mt-1">{t("matchedIntro")}</p>
              </>
            )}
          </div>
        )}
        {state.kind === "invalid" && (
          <p className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">{t("failed", { count: state.errors.length })}</p>
        )}
        {state.kind === "failed" && (
          <p className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">{state.message ?? t("requestFailed", { status: state.status })}</p>
        )}
      </div>

      {state.kind === "invalid" && (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" data-testid="import-errors">
            <caption className="px-3 py-2 text-left font-medium text-slate-800">{t("errorTable")}</caption>
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">{t("row")}</th>
                <th scope="col" className="px-3 py-2">{t("column")}</th>
                <th scope="col" className="px-3 py-2">{t("message")}</th>
              </tr>
            </thead>
            <tbody>
              {state.errors.map((e, i) => (
                <tr key={i} className="border-t border-slate-100 align-top">
                  <td className="px-3 py-2 tabular-nums">{e.row ?? t("wholeFile")}</td>
                  <td className="px-3 py-2 font-mono text-xs">{e.column ?? "—"}</td>
                  <td className="px-3 py-2">{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
