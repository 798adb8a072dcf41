// One JSON file per feature keeps parallel work out of each other's way;
// add a feature's file here. messages.test.ts checks both languages match.
import common from "./common.json";

const messages = { ...common };
export default messages;
