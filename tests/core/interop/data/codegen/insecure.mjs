// Patchbay skips TLS certificate checks for this request; fetch has no such option
// (Node.js: NODE_TLS_REJECT_UNAUTHORIZED=0 turns them off for the whole process).
const response = await fetch("https://self-signed.test/");
console.log(response.status, response.statusText);
if (!response.ok) {
  throw new Error(`HTTP ${response.status} ${response.statusText}`);
}
console.log(await response.text());
