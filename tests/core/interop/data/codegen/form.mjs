const form = new URLSearchParams([
  ["user", "Ada Lovelace"],
  ["lang", "C++ & more"],
]);

const response = await fetch("https://api.example.com/login", {
  method: "POST",
  body: form,
  signal: AbortSignal.timeout(30000),
});
console.log(response.status, response.statusText);
if (!response.ok) {
  throw new Error(`HTTP ${response.status} ${response.statusText}`);
}
console.log(await response.text());
