import { describe, expect, it } from "vitest";
import { frontendCounter } from "./sql-count-proxy";

const msg = (type: string, body: Buffer) => {
  const head = Buffer.alloc(5);
  head.write(type, 0);
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
};
const startup = () => {
  const body = Buffer.from("\0\u0003\0\0user\0postgres\0\0", "latin1");
  const head = Buffer.alloc(4);
  head.writeInt32BE(body.length + 4, 0);
  return Buffer.concat([head, body]);
};
const ssl = () => Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);
const q = (text: string) => msg("Q", Buffer.from(`${text}\0`));

describe("the statement counter of the SQL relay", () => {
  const stream = Buffer.concat([
    ssl(),
    startup(),
    q("BEGIN"),
    msg("P", Buffer.from("\0SELECT $1\0\0\0")),
    msg("B", Buffer.alloc(12)),
    msg("E", Buffer.from("\0\0\0\0\0")),
    msg("S", Buffer.alloc(0)),
    q("SELECT id FROM project WHERE title = '电池'"),
    q("COMMIT"),
  ]);
  const expected = ["control", "execute", "query", "control"];

  it("counts each Execute and simple Query once, transaction control apart", () => {
    const seen: string[] = [];
    frontendCounter((k) => seen.push(k))(stream);
    expect(seen).toEqual(expected);
  });

  it("counts the same when the bytes arrive one at a time", () => {
    const seen: string[] = [];
    const feed = frontendCounter((k) => seen.push(k));
    for (let i = 0; i < stream.length; i++) feed(stream.subarray(i, i + 1));
    expect(seen).toEqual(expected);
  });
});
