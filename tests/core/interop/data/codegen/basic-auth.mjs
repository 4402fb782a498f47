const response = await fetch("https://api.example.com/me", {
  headers: {
    "Authorization": "Basic " + btoa("ada:s3cr:et"),
  },
  signal: AbortSignal.timeout(30000),
});
console.log(response.status, response.statusText);
if (!response.ok) {
  throw new Error(`HTTP ${response.status} ${response.statusText}`);
}
console.log(await response.text());
