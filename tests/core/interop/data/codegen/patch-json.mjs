const response = await fetch("https://api.example.com/users/1", {
  method: "PATCH",
  headers: {
    "Content-Type": "application/json",
  },
  body: `{
  "email": "new@example.com",
  "active": true,
  "score": 1.50,
  "manager": null,
  "tags": ["a", "b"],
  "address": {"city": "Zürich", "zip": "8000"}
}`,
  signal: AbortSignal.timeout(30000),
});
console.log(response.status, response.statusText);
if (!response.ok) {
  throw new Error(`HTTP ${response.status} ${response.statusText}`);
}
console.log(await response.text());
