const params = new URLSearchParams([
  ["page", "2"],
  ["q", "a b&c=d+e"],
  ["tag", "ünï"],
  ["tag", "{{tag}}"],
]);

const response = await fetch(`https://api.example.com/users?${params}`, {
  headers: {
    "Accept": "application/json",
  },
  signal: AbortSignal.timeout(30000),
});
console.log(response.status, response.statusText);
if (!response.ok) {
  throw new Error(`HTTP ${response.status} ${response.statusText}`);
}
console.log(await response.text());
