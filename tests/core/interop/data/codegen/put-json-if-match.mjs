const response = await fetch("https://api.example.com/users/1", {
  method: "PUT",
  headers: {
    "Content-Type": "application/json",
    "If-Match": "\"v42\"",
  },
  body: `{"name":"Ada","admin":false}`,
  signal: AbortSignal.timeout(30000),
});
console.log(response.status, response.statusText);
if (!response.ok) {
  throw new Error(`HTTP ${response.status} ${response.statusText}`);
}
console.log(await response.text());
