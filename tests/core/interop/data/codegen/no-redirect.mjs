const response = await fetch("https://api.example.com/short/abc", {
  redirect: "manual",
  signal: AbortSignal.timeout(1500),
});
console.log(response.status, response.statusText);
if (!response.ok) {
  throw new Error(`HTTP ${response.status} ${response.statusText}`);
}
console.log(await response.text());
