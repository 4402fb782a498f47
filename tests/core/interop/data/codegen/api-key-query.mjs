const params = new URLSearchParams([
  ["api_key", "k/123"],
]);

const response = await fetch(`https://api.example.com/search?lang=en&${params}`, {
  signal: AbortSignal.timeout(30000),
});
console.log(response.status, response.statusText);
if (!response.ok) {
  throw new Error(`HTTP ${response.status} ${response.statusText}`);
}
console.log(await response.text());
