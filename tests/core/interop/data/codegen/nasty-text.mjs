const response = await fetch("https://api.example.com/notes", {
  method: "POST",
  headers: {
    "Content-Type": "text/plain; charset=utf-8",
    "X-Note": "it's $HOME `id` \"q\" \\ ok",
  },
  body: `it's $HOME and \`uname\`
line 2 "quoted" \\n \${x} ✓ 😀
`,
  signal: AbortSignal.timeout(30000),
});
console.log(response.status, response.statusText);
if (!response.ok) {
  throw new Error(`HTTP ${response.status} ${response.statusText}`);
}
console.log(await response.text());
