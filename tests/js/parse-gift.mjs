// Reads a GIFT file with gift-pegjs (the GIFT grammar used by Moodle-compatible editors) and
// prints what it parsed as JSON; on a syntax error, prints where and exits 1.
import { readFileSync } from "node:fs";
import gift from "gift-pegjs";

const file = process.argv[2];
try {
  process.stdout.write(JSON.stringify(gift.parse(readFileSync(file, "utf8"))));
} catch (error) {
  const where = error.location ? `${file}:${error.location.start.line}:${error.location.start.column}: ` : `${file}: `;
  process.stderr.write(`${where}${error.message}\n`);
  process.exit(1);
}
