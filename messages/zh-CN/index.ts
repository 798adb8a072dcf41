// One JSON file per feature keeps parallel work out of each other's way;
// add a feature's file here. messages.test.ts checks both languages match.
import account from "./account.json";
import admin from "./admin.json";
import common from "./common.json";
import commitments from "./commitments.json";
import companies from "./companies.json";
import dashboard from "./dashboard.json";
import delivery from "./delivery.json";
import events from "./events.json";
import importMessages from "./import.json";
import journey from "./journey.json";
import notifications from "./notifications.json";
import pipeline from "./pipeline.json";
import projects from "./projects.json";
import reports from "./reports.json";
import signings from "./signings.json";
import supervision from "./supervision.json";
import targets from "./targets.json";
import work from "./work.json";
import { resolveReferences } from "../references";

const messages = resolveReferences({ ...account, ...admin, ...common, ...commitments, ...companies, ...dashboard, ...delivery, ...events, ...importMessages, ...journey, ...notifications, ...pipeline, ...projects, ...reports, ...signings, ...supervision, ...targets, ...work });
export default messages;
