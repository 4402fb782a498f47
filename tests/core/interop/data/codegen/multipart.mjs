import { readFile } from "node:fs/promises";

// Files are read from disk (Node.js). In a browser, append the File of an <input type="file"> instead.
const form = new FormData();
form.append("title", "Q3 report");
form.append(
  "file",
  new Blob([await readFile("/tmp/report.csv")], { type: "text/csv" }),
  "report.csv",
);
form.append(
  "logo",
  new Blob([await readFile("/tmp/logo.png")]),
  "logo.png",
);

const response = await fetch("https://api.example.com/upload", {
  method: "POST",
  body: form,
  signal: AbortSignal.timeout(30000),
});
console.log(response.status, response.statusText);
if (!response.ok) {
  throw new Error(`HTTP ${response.status} ${response.statusText}`);
}
console.log(await response.text());
