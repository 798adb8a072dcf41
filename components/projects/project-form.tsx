"use client";

import { useEffect, useId, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { EDITABLE_FIELDS, OWNERSHIP_TYPES, type EditableField, type ProjectFormValues } from "@/lib/validation/project";
import { FIELD_LABEL } from "@/components/projects/names";
import { Button, buttonClasses } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { DateField } from "@/components/ui/date-field";
import { AmountField } from "@/components/ui/amount-field";
import { useActionForm, type FormAction } from "@/components/ui/use-action-form";
import { localName } from "@/components/projects/names";
import { countryName } from "@/lib/validation/countries";
import { ConflictBox } from "@/components/ui/conflict-box";
import { useConflictMerge } from "@/components/ui/use-conflict-rows";
import Decimal from "decimal.js";
import { parseAmount } from "@/lib/format/parse-amount";
import { formatCny, formatUsd } from "@/lib/format/money";
import { formatDate } from "@/lib/format/dates";
import type { Locale } from "@/i18n/locales";
import { DuplicateCandidates } from "@/components/companies/duplicate-candidates";
import type { DuplicateCandidate } from "@/lib/data/company-duplicates";
import { findCompanyDuplicatesAction } from "@/app/(app)/companies/actions";

type Saved = { id: number; version: number };
type Action = FormAction<Saved>;
type Named = { id: number; nameZh: string; nameEn: string | null };
type Options = { units: Named[]; sectors: Named[]; chains: Named[]; sources: Named[]; events: Named[]; owners: { id: number; name: string; unitId: number }[] };
type CompanyHit = { id: number; nameZh: string; nameEn: string | null; countryCode: string };
/** An anchor outside the user's scope comes without its company (lib/data/anchors.ts). */
type AnchorHit = { id: number; title: string; unit: { nameZh: string; nameEn: string }; company: { nameZh: string; nameEn: string | null } | null };

type Props = {
  options: Options;
  searchCompanies: (q: string) => Promise<CompanyHit[]>;
  searchAnchors: (q: string, excludeId?: number) => Promise<AnchorHit[]>;
} & (
  | { mode: "create"; action: Action; userId: number; defaultUnitId: number; chooseUnit: boolean; chooseOwner: boolean }
  | { mode: "edit"; action: Action; projectId: number; version: number; initial: ProjectFormValues; anchorTitle: string | null }
);

const inputClass = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600";
const labelClass = "mb-1 block text-sm font-medium text-slate-700";

const EMPTY: ProjectFormValues = Object.fromEntries(EDITABLE_FIELDS.map((f) => [f, ""])) as ProjectFormValues;

/** Two values of a field that store the same (an amount typed "4.2亿" is 420000000): no conflict between them. */
function sameValue(field: EditableField, a: string, b: string): boolean {
  if (a === b) return true;
  if (field !== "plannedInvestmentCny" && field !== "foreignInvestmentUsd") return false;
  const [x, y] = [parseAmount(a), parseAmount(b)];
  return x.ok && y.ok && new Decimal(x.value).eq(y.value);
}


/** Debounced server search for the pickers. */
function useSearch<T>(search: (q: string) => Promise<T[]>) {
  const [q, setQ] = useState("");
  const [hits, setHits] = useState<T[] | null>(null);
  const latest = useRef(0);
  useEffect(() => {
    const term = q.trim();
    if (!term) {
      setHits(null);
      return;
    }
    const n = ++latest.current;
    const timer = setTimeout(async () => {
      const rows = await search(term);
      if (n === latest.current) setHits(rows);
    }, 200);
    return () => clearTimeout(timer);
  }, [q, search]);
  return { q, setQ, hits };
}

/** The likely duplicates of the company typed inline, looked up (debounced) as its name, country or code change. */
function useInlineDuplicates(query: { nameZh: string; nameEn: string; countryCode: string; creditCode: string } | null) {
  const [found, setFound] = useState<DuplicateCandidate[]>([]);
  const latest = useRef(0);
  const key = query && query.nameZh.trim() ? JSON.stringify(query) : null;
  useEffect(() => {
    const n = ++latest.current;
    if (!key) {
      setFound([]);
      return;
    }
    const timer = setTimeout(async () => {
      const q = JSON.parse(key) as NonNullable<typeof query>;
      const rows = await findCompanyDuplicatesAction({
        nameZh: q.nameZh,
        nameEn: q.nameEn.trim() || undefined,
        countryCode: q.countryCode.trim() || undefined,
        creditCode: q.creditCode.trim() || undefined,
      }).catch(() => []);
      if (n === latest.current) setFound(rows);
    }, 250);
    return () => clearTimeout(timer);
  }, [key]);
  return found;
}

export function ProjectForm(props: Props) {
  const t = useTranslations("projects.form");
  const tc = useTranslations("companies.inline");
  const tp = useTranslations("projects");
  const locale = useLocale();
  const router = useRouter();
  const uid = useId();
  const isEdit = props.mode === "edit";

  const [values, setValues] = useState<ProjectFormValues>(isEdit ? props.initial : EMPTY);
  // On a conflict: what a colleague changed replaces the fields this user left alone; the anchor's title comes with it.
  const [anchorNames, setAnchorNames] = useState<Record<string, string>>(isEdit && props.initial.anchorProjectId && props.anchorTitle ? { [props.initial.anchorProjectId]: props.anchorTitle } : {});
  const merge = useConflictMerge({
    fields: EDITABLE_FIELDS,
    initial: isEdit ? props.initial : EMPTY,
    version: isEdit ? props.version : 0,
    same: sameValue,
    apply: (merged, answer) => {
      setValues((v) => ({ ...v, ...merged }));
      // The titles of the anchors in play (the user's pick, the saved one), so either can be shown and kept.
      const saved = answer.values.anchorProjectId;
      const label = answer.labels?.anchorProjectId;
      const names = { ...anchorNames, ...(values.anchorProjectId && anchorTitle ? { [values.anchorProjectId]: anchorTitle } : {}), ...(saved && label ? { [saved]: label } : {}) };
      setAnchorNames(names);
      if (merged.anchorProjectId !== undefined) setAnchorTitle(merged.anchorProjectId ? (names[merged.anchorProjectId] ?? null) : null);
    },
  });
  const form = useActionForm(props.action, {
    refresh: true,
    onSuccess: (data) => router.push(`/projects/${data.id}`),
    onConflict: merge.onConflict,
  });
  const { errors } = form;

  // company (create only)
  const [company, setCompany] = useState<CompanyHit | null>(null);
  const [newCompany, setNewCompany] = useState(false);
  const companySearch = useSearch(props.searchCompanies);
  // A company created inline: its likely duplicates (the companies page's finder) shown while it is typed.
  const [inline, setInline] = useState({ nameZh: "", nameEn: "", countryCode: "CN", creditCode: "" });
  const duplicates = useInlineDuplicates(newCompany ? inline : null);
  const onInline = (field: keyof typeof inline) => (e: React.ChangeEvent<HTMLInputElement>) => setInline((v) => ({ ...v, [field]: e.target.value }));
  // anchor
  const [anchorTitle, setAnchorTitle] = useState<string | null>(isEdit ? props.anchorTitle : null);
  const excludeId = isEdit ? props.projectId : undefined;
  const anchorSearchFn = useRef((q: string) => props.searchAnchors(q, excludeId)).current;
  const anchorSearch = useSearch(anchorSearchFn);

  const set = (field: EditableField) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setValues((v) => ({ ...v, [field]: e.target.value }));

  const optionLabel = (field: EditableField, value: string): string => {
    if (!value) return t("empty");
    const list: Record<string, Named[]> = { sectorId: props.options.sectors, chainId: props.options.chains, sourceId: props.options.sources, eventId: props.options.events };
    if (list[field]) {
      const item = list[field].find((i) => String(i.id) === value);
      return item ? localName(item, locale) : value;
    }
    if (field === "anchorProjectId") return value === values.anchorProjectId && anchorTitle ? anchorTitle : `#${value}`;
    return value;
  };

  const text = (field: EditableField, extra: React.InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: string }) => (
    <TextField name={field} value={values[field]} onChange={set(field)} error={errors[field]} {...extra} />
  );
  const select = (field: EditableField, label: string, items: Named[]) => (
    <div>
      <label htmlFor={`${uid}-${field}`} className={labelClass}>
        {label}
      </label>
      <select
        id={`${uid}-${field}`}
        name={field}
        value={values[field]}
        onChange={set(field)}
        aria-invalid={errors[field] ? true : undefined}
        aria-describedby={errors[field] ? `${uid}-${field}-error` : undefined}
        className={inputClass}
      >
        <option value="">{t("none")}</option>
        {items.map((i) => (
          <option key={i.id} value={i.id}>
            {localName(i, locale)}
          </option>
        ))}
      </select>
      {errors[field] && (
        <p id={`${uid}-${field}-error`} className="mt-1 text-sm text-red-700">
          {errors[field]}
        </p>
      )}
    </div>
  );

  /** A value in the conflict box as people read it: amounts in 亿元/万元, dates, names. */
  const conflictValue = (field: EditableField, value: string): string => {
    if (field === "plannedInvestmentCny" || field === "foreignInvestmentUsd") {
      const amount = parseAmount(value);
      if (!amount.ok) return value;
      return field === "plannedInvestmentCny" ? formatCny(amount.value, locale as Locale) : formatUsd(amount.value, locale as Locale);
    }
    if (field === "nextFollowUpOn") return formatDate(value, locale as Locale);
    if (field === "anchorProjectId") return anchorNames[value] ?? (value === values.anchorProjectId && anchorTitle ? anchorTitle : `#${value}`);
    return optionLabel(field, value);
  };

  return (
    <form method="post" ref={merge.formRef} onSubmit={form.onSubmit} noValidate className="space-y-6" aria-describedby={`${uid}-summary`}>
      {isEdit ? (
        <>
          <input type="hidden" name="id" value={props.projectId} />
          <input type="hidden" name="version" value={merge.version} />
        </>
      ) : (
        <input type="hidden" name="requestId" value={form.requestId} />
      )}

      <div id={`${uid}-summary`} aria-live="polite" role="status">
        {form.failure && !merge.conflict && <p className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">{form.failure.message}</p>}
        <ConflictBox conflict={merge.conflict} title={t("conflictTitle")} label={(f) => t(FIELD_LABEL[f])} show={conflictValue} />
      </div>

      {!isEdit && (
        <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <legend className="px-1 text-sm font-semibold">{t("company")}</legend>
          {!newCompany ? (
            <>
              <input type="hidden" name="companyId" value={company?.id ?? ""} />
              {company ? (
                <div className="flex items-center gap-3 text-sm">
                  <span data-testid="chosen-company">{t("chosenCompany", { name: localName(company, locale) })}</span>
                  <Button variant="secondary" onClick={() => setCompany(null)}>
                    {t("change")}
                  </Button>
                </div>
              ) : (
                <div>
                  <TextField
                    label={t("companySearch")}
                    hint={t("companySearchHint")}
                    value={companySearch.q}
                    onChange={(e) => companySearch.setQ(e.target.value)}
                    error={errors.companyId}
                    autoComplete="off"
                  />
                  {companySearch.hits && (
                    <div className="mt-2">
                      {companySearch.hits.length === 0 ? (
                        <p className="text-sm text-slate-600">{t("noCompanies")}</p>
                      ) : (
                        <ul aria-label={t("companyResults")} className="divide-y divide-slate-100 rounded-md border border-slate-200">
                          {companySearch.hits.map((c) => (
                            <li key={c.id}>
                              <button type="button" className="w-full px-3 py-2 text-left text-sm hover:bg-slate-50 focus:bg-slate-100" onClick={() => setCompany(c)}>
                                {c.nameZh}
                                {c.nameEn && <span className="text-slate-500"> · {c.nameEn}</span>}
                                <span className="text-slate-400"> · {countryName(c.countryCode, locale)}</span>
                              </button>
                            </li>
                          ))}
                        </ul>
                      )}
                    </div>
                  )}
                </div>
              )}
              <Button variant="ghost" onClick={() => setNewCompany(true)}>
                {t("newCompany")}
              </Button>
            </>
          ) : (
            <>
              <div className="grid gap-3 sm:grid-cols-2">
                <TextField name="newCompanyNameZh" label={t("newCompanyNameZh")} error={errors.newCompanyNameZh} maxLength={200} required onChange={onInline("nameZh")} />
                <TextField name="newCompanyNameEn" label={t("newCompanyNameEn")} error={errors.newCompanyNameEn} maxLength={200} onChange={onInline("nameEn")} />
                <TextField name="newCompanyCountry" label={t("newCompanyCountry")} hint={t("newCompanyCountryHint")} error={errors.newCompanyCountry} defaultValue="CN" maxLength={2} onChange={onInline("countryCode")} />
                <TextField name="newCompanyCreditCode" label={tc("creditCode")} hint={tc("creditCodeHint")} error={errors.newCompanyCreditCode} maxLength={30} onChange={onInline("creditCode")} />
                <div>
                  <label htmlFor={`${uid}-ownership`} className={labelClass}>
                    {t("newCompanyOwnership")}
                  </label>
                  <select id={`${uid}-ownership`} name="newCompanyOwnership" defaultValue="PRIVATE" className={inputClass}>
                    {OWNERSHIP_TYPES.map((o) => (
                      <option key={o} value={o}>
                        {tp(`ownership.${o}`)}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
              {duplicates.length > 0 && (
                <div className="sm:col-span-2">
                  <DuplicateCandidates
                    candidates={duplicates}
                    pending={form.pending}
                    focusOnShow={false}
                    onUse={(c) => {
                      setCompany(c);
                      setNewCompany(false);
                    }}
                  />
                  {duplicates.every((c) => c.reason === "name") && (
                    <label className="mt-2 flex items-center gap-2 text-sm">
                      <input type="checkbox" name="newCompanyConfirmDistinct" value="true" />
                      {tc("confirmDistinct")}
                    </label>
                  )}
                </div>
              )}
              <Button variant="ghost" onClick={() => setNewCompany(false)}>
                {t("useExisting")}
              </Button>
            </>
          )}
        </fieldset>
      )}

      <fieldset className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
        {text("title", { label: t("title"), maxLength: 200, required: true, className: "sm:col-span-2" })}
        {select("sectorId", t("sector"), props.options.sectors)}
        {select("chainId", t("chain"), props.options.chains)}
        <AmountField name="plannedInvestmentCny" value={values.plannedInvestmentCny} onChange={set("plannedInvestmentCny")} error={errors.plannedInvestmentCny} label={t("planned")} hint={t("plannedHint")} />
        <AmountField name="foreignInvestmentUsd" currency="USD" value={values.foreignInvestmentUsd} onChange={set("foreignInvestmentUsd")} error={errors.foreignInvestmentUsd} label={t("foreign")} />
        {text("phase", { label: t("phase"), maxLength: 50 })}
        {text("jobs", { label: t("jobs"), inputMode: "numeric" })}
        {text("landMu", { label: t("land"), inputMode: "decimal" })}
        {text("nextFollowUpOn", { label: t("nextFollowUp"), type: "date" })}
        {select("sourceId", t("source"), props.options.sources)}
        {select("eventId", t("event"), props.options.events)}
        {!isEdit && props.chooseUnit && (
          <div>
            <label htmlFor={`${uid}-unit`} className={labelClass}>
              {t("unit")}
            </label>
            <select id={`${uid}-unit`} name="unitId" defaultValue={props.defaultUnitId} className={inputClass} aria-invalid={errors.unitId ? true : undefined}>
              {props.options.units.map((u) => (
                <option key={u.id} value={u.id}>
                  {localName(u, locale)}
                </option>
              ))}
            </select>
            {errors.unitId && <p className="mt-1 text-sm text-red-700">{errors.unitId}</p>}
          </div>
        )}
        {!isEdit && props.chooseOwner && (
          <div>
            <label htmlFor={`${uid}-owner`} className={labelClass}>
              {t("owner")}
            </label>
            <select id={`${uid}-owner`} name="ownerId" defaultValue={props.userId} className={inputClass} aria-invalid={errors.ownerId ? true : undefined}>
              {props.options.owners.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                  {props.options.units.length > 1 ? ` · ${localName(props.options.units.find((u) => u.id === o.unitId), locale)}` : ""}
                </option>
              ))}
            </select>
            {errors.ownerId && <p className="mt-1 text-sm text-red-700">{errors.ownerId}</p>}
          </div>
        )}
        {!isEdit && <DateField name="firstContactOn" label={t("firstContact")} error={errors.firstContactOn} />}

        <div className="sm:col-span-2">
          <input type="hidden" name="anchorProjectId" value={values.anchorProjectId} />
          <p className={labelClass}>{t("anchor")}</p>
          {values.anchorProjectId ? (
            <div className="flex items-center gap-3 text-sm">
              <span data-testid="chosen-anchor">{t("anchorCurrent", { title: anchorTitle ?? t("anchorOther") })}</span>
              <Button
                variant="secondary"
                onClick={() => {
                  setValues((v) => ({ ...v, anchorProjectId: "" }));
                  setAnchorTitle(null);
                }}
              >
                {t("clear")}
              </Button>
            </div>
          ) : (
            <>
              <TextField label={t("anchorSearch")} hint={t("anchorHint")} value={anchorSearch.q} onChange={(e) => anchorSearch.setQ(e.target.value)} autoComplete="off" />
              {anchorSearch.hits &&
                (anchorSearch.hits.length === 0 ? (
                  <p className="mt-2 text-sm text-slate-600">{t("noAnchors")}</p>
                ) : (
                  <ul aria-label={t("anchorResults")} className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200">
                    {anchorSearch.hits.map((a) => (
                      <li key={a.id}>
                        <button
                          type="button"
                          className="w-full px-3 py-2 text-left text-sm hover:bg-slate-50 focus:bg-slate-100"
                          onClick={() => {
                            setValues((v) => ({ ...v, anchorProjectId: String(a.id) }));
                            setAnchorTitle(a.title);
                            anchorSearch.setQ("");
                          }}
                        >
                          {a.title}
                          <span className="text-slate-500">
                            {" · "}
                            {localName(a.unit, locale)}
                            {a.company && ` · ${localName(a.company, locale)}`}
                          </span>
                        </button>
                      </li>
                    ))}
                  </ul>
                ))}
            </>
          )}
          {errors.anchorProjectId && <p className="mt-1 text-sm text-red-700">{errors.anchorProjectId}</p>}
        </div>
      </fieldset>

      <div className="flex gap-2">
        <Button type="submit" disabled={form.pending}>
          {isEdit ? (form.pending ? t("saving") : t("save")) : form.pending ? t("creating") : t("create")}
        </Button>
        <a href={isEdit ? `/projects/${props.projectId}` : "/projects"} className={buttonClasses("ghost")}>
          {t("cancel")}
        </a>
      </div>
    </form>
  );
}
