import { readFile } from "node:fs/promises";

const response = await fetch("https://api.example.com/photos", {
  method: "POST",
  headers: {
    "Content-Type": "image/png",
  },
  body: await readFile("/tmp/photo.png"),
  signal: AbortSignal.timeout(30000),
});
console.log(response.status, response.statusText);
if (!response.ok) {
  throw new Error(`HTTP ${response.status} ${response.statusText}`);
}
console.log(await response.text());
