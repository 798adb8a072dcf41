/**
 * `npm run import -- file.csv|file.xlsx [--as admin@email] [--lang zh-CN|en]`
 * Imports projects into the database of DATABASE_URL as an admin (by default
 * the first active admin), all or nothing, exactly as the Import page does.
 * Exit code 0 on success, 1 when the file has errors (listed), 2 on misuse.
 */
import { readFile, stat } from "node:fs/promises";
import { createPrismaClient } from "@/lib/db";
import { MAX_FILE_BYTES } from "@/lib/import/columns";
import { importProjects } from "@/lib/import/import-projects";
import { importErrorMessage, translateIssues, type ImportLocale } from "@/lib/import/messages";

function usage(message?: string): never {
  if (message) console.error(message);
  console.error("Usage: npm run import -- <file.csv|file.xlsx> [--as admin@email] [--lang zh-CN|en]");
  process.exit(2);
}

async function main() {
  const args = process.argv.slice(2);
  let file: string | undefined;
  let as: string | undefined;
  let lang: ImportLocale = "en";
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--as") as = args[++i] ?? usage("--as needs an email.");
    else if (a.startsWith("--as=")) as = a.slice(5);
    else if (a === "--lang") lang = args[++i] === "zh-CN" ? "zh-CN" : "en";
    else if (a.startsWith("--lang=")) lang = a.slice(7) === "zh-CN" ? "zh-CN" : "en";
    else if (a === "--help" || a === "-h") usage();
    else if (a.startsWith("--")) usage(`Unknown option ${a}.`);
    else if (file) usage("Give one file.");
    else file = a;
  }
  if (!file) usage();
  const url = process.env.DATABASE_URL;
  if (!url) usage("DATABASE_URL is not set.");

  const size = (await stat(file).catch(() => usage(`Cannot read ${file}.`))).size;
  if (size > MAX_FILE_BYTES) {
    console.error(importErrorMessage("tooLarge", { maxMb: MAX_FILE_BYTES / 1024 / 1024 }, lang));
    process.exit(1);
  }

  const db = createPrismaClient(url, 2);
  try {
    const actor = await db.user.findFirst({
      where: { role: "ADMIN", disabledAt: null, ...(as ? { email: { equals: as, mode: "insensitive" } } : {}) },
      orderBy: { id: "asc" },
      select: { id: true, email: true, role: true },
    });
    if (!actor) usage(as ? `${as} is not an active admin.` : "There is no active admin to import as; use --as.");

    const result = await importProjects(db, actor, new Uint8Array(await readFile(file)));
    if (!result.ok) {
      const issues = translateIssues(result.errors, lang);
      console.error(lang === "zh-CN" ? `未导入任何数据，共 ${issues.length} 处错误：` : `Nothing imported: ${issues.length} error(s).`);
      for (const e of issues) console.error(`${e.row === null ? "-" : `row ${e.row}`}\t${e.column ?? "-"}\t${e.message}`);
      process.exitCode = 1;
      return;
    }
    console.log(
      lang === "zh-CN"
        ? `导入完成（操作人 ${actor.email}）：新建 ${result.created} 个，更新 ${result.updated} 个，用时 ${(result.ms / 1000).toFixed(1)} 秒。`
        : `Imported as ${actor.email}: created ${result.created}, updated ${result.updated} (${result.rows} rows in ${(result.ms / 1000).toFixed(1)} s).`,
    );
  } finally {
    await db.$disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
