const response = await fetch("https://api.example.com/posts/7", {
  method: "DELETE",
  headers: {
    "Authorization": "Bearer {{token}}",
  },
  signal: AbortSignal.timeout(30000),
});
console.log(response.status, response.statusText);
if (!response.ok) {
  throw new Error(`HTTP ${response.status} ${response.statusText}`);
}
console.log(await response.text());
